"""Entity rules after the statistical `ner`: they add and complete; they
remove nothing the model found except pieces of a value they join into one.

- POLICY names set off by quotation or book-title marks, with a head noun
  written right after the closing mark (`“双百”攻坚行动`, `《…条例》`), and
  numbered formulas (`“四个意识”`, `“水十条”`): the contract's own
  definition, which a pattern states better than 350 examples teach it.
  A model POLICY cut inside the marks, or short of its head noun, is
  completed to them; pieces of one quoted name (`“一网通办、` | `办好”改革`,
  or a piece that holds only the closing mark) become the one name.
- INDICATOR names from a lexicon (`lexicons/indicators.txt`, standard
  statistical names, plus the INDICATOR names of the training data, read at
  `initialize`): the contract marks every mention of a named indicator.
- A DEPT found without the start of its name is extended back to an
  attached administrative prefix (`省营商环境建设局`, `省|投资促进局`).
- Indicator frames: the name a value is stated for (`空气优良天数达到83%`,
  `市场主体总量突破71.3万户`) is an INDICATOR when a value predicate joins
  them and the name ends in an indicator head (率, 额, 总量, 比例, 收入…).
  An INDICATOR, the model's or the lexicon's, is extended to a modifier
  written attached to it (`规上`, `地方`, `单位`, `人均` before; `总量`,
  `强度`, `总额`, `占比` after).
- DEPT forms: a sector department found without the sectors coordinated
  before it takes them in (`农业农村、水利部门`, one span by the contract);
  a body named inside a meeting name is dropped (`市委常委会议`); a party
  committee or government and a body of it written straight after it are
  one organ (`省委常委会`, `省委组织部`), while two organs each with its head
  stay two (`省委省政府`, note 16); a name
  ending in an organ's head (`XX县政府`, `…领导小组`) is DEPT whatever label
  the model gave it.
- DEPT heads: a DEPT must name an organ, so a span with no organ head in it
  (委, 局, 办, 厅, 府, 会, 组, 室, 中心, 队, 财政, 防指 …) is dropped: on the dev
  split the model's false DEPTs included idioms (`来者不拒`, `国计民生`) that
  no gold DEPT of the corpus or the contract's examples resembles.
- Relative dates and periods the contract lists as DATE (`当年`, `新的一年`,
  `首季`, `年初`, `党的十八大以来`, `“十四五”时期`, `一个工作周`) where nothing
  is marked: rarer in the training texts than in real speeches.
- Value shapes: a percentage (`7%`, `XX%`, `——%`, `0.8个百分点`, a list
  sharing one unit `1.5、0.8、2.3个百分点`) or a `X个亿` amount is one
  PERCENT or MONEY span, as the contract defines them: entities the model
  put inside it (`XX个` pieces, a `7%` under another label) give way to it;
  one the match only overlaps keeps the model's reading.
- Value units: a QUANTITY is a count with its measure word, so a mask
  followed by some other word (`XX振兴`, `X特色`) is dropped; a PERCENT
  carries its sign (`%`, `百分`), so `谆谆教诲` tagged PERCENT is dropped.
- Label consistency within a document (off by default: it did not help on
  the dev split): a name of three or more characters
  the model labelled once is labelled at its other mentions too.

Each rule is switched in the component's config, and the evaluation scores
the pipeline with them on documents none of them was written from.
"""
from __future__ import annotations

import bisect
import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from .extensions import doc_text

# characters an organ's name holds (its head: 局, 委员会, 人民政府, 办公室,
# 领导小组, 中心, 大队 …, or a short form: 财政, 防指, 人大, 政协, 党中央)
_DEPT_HEAD = re.compile("[委会院府局办厅部组室心队所处科署关庭行社站馆团协大央司台校军政防]")
HEAD_NOUNS = ("专项行动", "专项治理", "大讨论", "行动", "工程", "改革", "制度", "机制", "模式", "战略", "计划",
              "规划", "活动", "方案", "政策", "平台", "体系", "试点", "示范区", "创建", "攻坚战", "工作法",
              "服务", "原则", "理念", "要求", "精神", "建设", "经济", "品牌", "基地", "清单", "专项", "运动", "攻坚")
_HEAD = "|".join(sorted(HEAD_NOUNS, key=len, reverse=True))
_QUOTED = r"[“\"〝][^“”\"〝〞\n]{1,30}[”\"〞]"
QUOTED_WITH_HEAD = re.compile(rf"{_QUOTED}(?:{_HEAD})")
BOOK_TITLE = re.compile(r"[《〈][^《》〈〉\n]{2,60}[》〉]")
NUMBERED_FORMULA = re.compile(r"[“〝](?:[一二三四五六七八九十两百千]{1,3}(?:个|大|项|条|张|化|到位|不|无|型|类|种|区|网|园|篇)"
                              r"[^“”〝〞\n]{0,8}|双[\u4e00-\u9fff]{1,3}|[^“”〝〞\n]{1,6}[一二三四五六七八九十]条"
                              r"|[0-9０-９+＋]{2,6})[”〞]")
# an attached administrative prefix and name pieces up to the found DEPT
_DEPT_PREFIX = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[，、。；：和与及由对向在经请让同]))(?:[XＸ×]{1,3}[省市县区]|[省市县区])"
                          r"(?:(?!的|和|与|及|对|在|由|要|将|把|向|是|为|会同|各)[\u4e00-\u9fff]){0,8}$")
# the first half of a name joined by 和 (`区自然资源和|规划分局`,
# `市住房和|城乡建设局`): no organ head inside it, or it would be an organ
_DEPT_AND = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[，、。；：与及由对向在经请让同]))(?:[XＸ×]{1,3}[省市县区]|[省市县区])?"
                       r"(?:(?![局委办厅部会府的和与及对在由要将把向是为各])[\u4e00-\u9fff]){2,6}和$")
_LEVEL = "省市县区州乡镇国中党XＸ×"
_NUM = r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[XＸ×*＊]{1,4}|——)"
VALUE_SHAPES = (
    (re.compile(rf"(?:{_NUM}个?、)*{_NUM}(?:%|％|个百分点)(?:以上|左右|以内|以下)?"), "PERCENT"),
    (re.compile(rf"{_NUM}个亿(?:元)?(?:以上|左右)?"), "MONEY"),
)
# name + predicate + value: "空气优良天数 达到 83%", "地区生产总值 比上年增长 6.5%"
_FRAME_PREDICATE = re.compile(r"(?:同比|比上年|较上年|年均|累计)?(?:增长|下降|达到|达|突破|稳定在|保持在|控制在|提高到|"
                              r"提升到|降低到|降至|不低于|不少于|超过|占比|占)(?:了)?$")
_FRAME_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,16}$")
_FRAME_LEAD = re.compile(r"^(?:确保|力争|争取|实现|推动|促进|保持|努力|预计|其中|要|使|让|全年|全市|全省|全区|全县|"
                         r"今年|明年|去年|上年|我市|我省|我区|我县|各地|一季度|上半年|前三季度|一是|二是|三是|四是|五是)+")
INDICATOR_HEADS = ("率", "额", "量", "值", "数", "比例", "比重", "收入", "支出", "投资", "产值", "增加值", "规模",
                   "效益", "强度", "面积", "产量", "指数", "天数", "人数", "就业", "GDP", "度", "利用外资", "消费")
_INDICATOR_BEFORE = re.compile(r"(?:规模以上|规上|地方|一般公共预算|单位|全社会|城镇|农村|居民|人均)$")
_INDICATOR_AFTER = re.compile(r"^(?:总量|强度|总额|总值|占比)")   # 占比: note 33
RELATIVE_DATES = re.compile(
    r"(?:新的一年|新一年|当年|首季|年初|年中|年底|年末|上半年|下半年|前三季度|[一二三四]季度|"
    r"(?:党的)?(?:十[八九]|二十)大以来|[“\"]十[一二三四五六]五[”\"]时期|未来[一二三四五]年|近[一二三四五]年|这几年|"
    r"[一二三四五六七八九十两]个(?:工作日|工作周|月|季度)(?:内)?)")
# A count of time (`3—5年`, `两个多月`, `半年`) with `时间` as its head is one DATE
# with it, as the contract writes `3—5年时间`; not `下半年时间紧`, `时间表`.
DURATION = re.compile(r"^(?:[0-9０-９]{1,2}|[一二两三四五六七八九十几半XＸ]{1,3})"
                      r"(?:[—\-~～至到](?:[0-9０-９]{1,2}|[一二两三四五六七八九十]{1,3}))?"
                      r"(?:个多|多个|个|多)?(?:年|月|天|日|周|星期|小时)$")
_TIME_HEAD = re.compile(r"^时间(?![紧表节段点])")
# a body inside a party committee or government, written straight after it:
# `省委|常委会`, `省委|组织部`, `市政府|办公室` name one organ
_SUB_BODY = re.compile(r"^(?:常委会|组织部|宣传部|统战部|政法委|办公室|办公厅|督查室|研究室|政研室|农办|编办|财经委员会|全面深化改革委员会)")
_ORGAN_HEAD = re.compile(r"(?:政府|党委|人大|政协|常委会|委员会|管委会|领导小组|办公室|局|厅)$")
_COORDINATED_SECTORS = re.compile(r"(?:^|(?<=[，。；：、\n]))((?:[\u4e00-\u9fff]{2,6}、)+)$")
_MEETING_AFTER = re.compile(r"^[^，。；：,;:\n]{0,12}(会议|全会|分析会|推进会|调度会|座谈会)")


LEXICON = Path(__file__).parent / "lexicons" / "indicators.txt"


# A QUANTITY is a count with its unit: a mask followed by a word that is no
# measure (`XX振兴`, `X特色`, `XX州`) names something else, not a count
# (the `value_units` switch, which also drops a PERCENT without its sign).
_MASK_LEAD = re.compile(r"^(?:[XＸ×]{1,4}|[*＊]{2,4})(?=[\u4e00-\u9fff])")
_MEASURES = set("个家项人亩万亿千百吨斤里米方台套座所件户名辆次场条支处起宗批只头株棵间栋幢张份本倍级位类种"
                "期轮届周例口眼孔片块段道趟拨部架艘列班组队门床卡元度公克天小微")


# A PERCENT is a percentage or percentage points: it carries its sign.
_PERCENT_SIGN = re.compile(r"[%％‰]|百分")


def _has_unit(text: str) -> bool:
    m = _MASK_LEAD.match(text)
    return m is None or text[m.end()] in _MEASURES


def read_lexicon(path: Path) -> list[str]:
    """Names of a lexicon file: one a line, `#` comments."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _swallows_only(span: Span, e: Span, ents: list[Span]) -> bool:
    """The grown name overlaps no other entity except pieces wholly inside it
    (the model's fragments of the same quoted name)."""
    return not any(o is not e and o.start < span.end and span.start < o.end
                   and not (span.start <= o.start and o.end <= span.end) for o in ents)


def _free(doc: Doc, taken: list[bool], a: int, b: int) -> bool:
    """Nothing marked there yet, and no unit boundary inside."""
    if b <= a or any(taken[a:b]):
        return False
    span = doc.char_span(a, b, alignment_mode="expand")
    return span is not None and not (doc.has_annotation("SENT_START")
                                     and any(t.is_sent_start for t in span[1:]))


def _fill(doc: Doc, text: str, taken: list[bool], pattern: re.Pattern, label_of) -> list[Span]:
    """Spans for the matches of `pattern` in text nothing marks yet, outside
    meeting names and on token boundaries; marks what it takes."""
    out = []
    for m in pattern.finditer(text):
        if _free(doc, taken, m.start(), m.end()) and not _MEETING_AFTER.match(text[m.end():]):
            span = doc.char_span(m.start(), m.end(), label=label_of(m.group()), alignment_mode="strict")
            if span is not None:
                out.append(span)
                for k in range(m.start(), m.end()):
                    taken[k] = True
    return out


class EntityRules:
    """Complete and add POLICY names; propagate names within a document."""

    def __init__(self, name: str = "govspeech_entity_rules", *, policy: bool = True, dept_prefix: bool = True,
                 indicator_lexicon: bool = True, indicator_frames: bool = True, value_shapes: bool = True,
                 relative_dates: bool = True, dept_forms: bool = True, dept_heads: bool = True,
                 value_units: bool = True, duration_time: bool = True, propagate: bool = False,
                 min_propagate_len: int = 3):
        self.name = name
        self.cfg = {"policy": policy, "dept_prefix": dept_prefix, "indicator_lexicon": indicator_lexicon,
                    "indicator_frames": indicator_frames, "value_shapes": value_shapes,
                    "relative_dates": relative_dates, "dept_forms": dept_forms, "dept_heads": dept_heads,
                    "value_units": value_units, "duration_time": duration_time, "propagate": propagate,
                    "min_propagate_len": min_propagate_len}
        self.indicators: list[str] = []
        self._indicator_re = None

    # -- the indicator lexicon: built at initialize, saved with the pipeline --
    def initialize(self, get_examples=None, *, nlp=None) -> None:
        names = set(read_lexicon(LEXICON))
        for eg in (get_examples() if get_examples else []):
            names |= {e.text for e in eg.reference.ents if e.label_ == "INDICATOR" and len(e.text) >= 2}
        self.set_indicators(names)

    def set_indicators(self, names) -> None:
        self.indicators = sorted({n for n in names if n and not any(c.isspace() for c in n)},
                                 key=lambda n: (-len(n), n))
        self._indicator_re = re.compile("|".join(map(re.escape, self.indicators))) if self.indicators else None

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "indicators.json").write_text(json.dumps(self.indicators, ensure_ascii=False), encoding="utf-8")

    def from_disk(self, path, *, exclude=tuple()) -> "EntityRules":
        f = Path(path) / "indicators.json"
        if f.exists():
            self.set_indicators(json.loads(f.read_text(encoding="utf-8")))
        return self

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ents = list(doc.ents)
        if self.cfg["policy"]:
            ents = self._complete_policies(doc, ents)
        if self.cfg["dept_prefix"]:
            ents = self._complete_dept_names(doc, ents)
        if self.cfg["value_shapes"]:
            ents = self._value_shapes(doc, ents)
        if self.cfg["dept_forms"]:
            ents = self._dept_forms(doc, text, ents)
        if self.cfg["duration_time"]:
            ents = self._duration_time(doc, text, ents)
        if self.cfg["dept_heads"]:
            ents = [e for e in ents if e.label_ != "DEPT" or _DEPT_HEAD.search(e.text)]
        if self.cfg["value_units"]:
            ents = [e for e in ents if (e.label_ != "QUANTITY" or _has_unit(e.text))
                    and (e.label_ != "PERCENT" or _PERCENT_SIGN.search(e.text))]
        taken = [False] * len(text)
        for e in ents:
            for k in range(e.start_char, e.end_char):
                taken[k] = True
        new: list[Span] = []
        if self.cfg["policy"]:
            for pat in (QUOTED_WITH_HEAD, BOOK_TITLE, NUMBERED_FORMULA):
                new += _fill(doc, text, taken, pat, lambda name: "POLICY")
        if self.cfg["indicator_lexicon"] and self._indicator_re is not None:
            new += _fill(doc, text, taken, self._indicator_re, lambda name: "INDICATOR")
        if self.cfg["relative_dates"]:
            new += _fill(doc, text, taken, RELATIVE_DATES, lambda name: "DATE")
        if self.cfg["indicator_frames"]:
            new += self._indicator_frames(doc, text, taken, ents)
        if self.cfg["propagate"]:
            names = {}
            for e in ents + new:
                if len(e.text) >= self.cfg["min_propagate_len"] and not any(c.isspace() for c in e.text):
                    names.setdefault(e.text, e.label_)
            if names:
                pat = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
                new += _fill(doc, text, taken, pat, names.get)
        merged = filter_spans(ents + new)
        if self.cfg["indicator_frames"]:            # the model's names and the lexicon's alike, once
            merged = self._extend_indicators(doc, text, merged)
        if merged != list(doc.ents):
            doc.ents = merged
        return doc

    @staticmethod
    def _dept_forms(doc: Doc, text: str, ents: list[Span]) -> list[Span]:
        """Coordinated sectors into one `…部门` span; a place and the bare organ
        after it into one DEPT; no body inside a meeting name."""
        out = []
        for k, e in enumerate(ents):
            if e.label_ in ("PERSON", "GPE") and _ORGAN_HEAD.search(e.text):
                e = Span(doc, e.start, e.end, label="DEPT")
            if e.label_ != "DEPT":
                out.append(e)
                continue
            if text[e.end_char:e.end_char + 1] == "议":      # 市委常委会|议: a meeting's name
                continue
            prev = out[-1] if out else None
            if (prev is not None and prev.label_ == "GPE" and prev.end_char == e.start_char
                    and e.text[:1] not in _LEVEL):
                # `××经济开发区|管委会`: a place written into an organ's name (note 20)
                out[-1] = Span(doc, prev.start, e.end, label="DEPT")
                continue
            if (prev is not None and prev.label_ == "DEPT" and prev.end_char == e.start_char
                    and prev.text.endswith(("委", "政府")) and _SUB_BODY.match(e.text)):
                out[-1] = Span(doc, prev.start, e.end, label="DEPT")
                continue
            nxt = ents[k + 1].start_char if k + 1 < len(ents) else len(text)
            body = _SUB_BODY.match(text[e.end_char:nxt]) if e.text.endswith(("委", "政府")) else None
            if body:                                         # 省委|组织部 with the body left untagged
                span = doc.char_span(e.start_char, e.end_char + body.end(), label="DEPT", alignment_mode="strict")
                if span is not None:
                    e = span
            if e.text.endswith("部门"):
                lo = out[-1].end_char if out else 0
                m = _COORDINATED_SECTORS.search(text[max(lo, e.start_char - 20):e.start_char])
                if m:
                    span = doc.char_span(e.start_char - len(m.group(1)), e.end_char, label="DEPT",
                                         alignment_mode="strict")
                    if span is not None and not (doc.has_annotation("SENT_START")
                                                 and any(t.is_sent_start for t in span[1:])):
                        e = span
            out.append(e)
        return out

    @staticmethod
    def _extend_indicators(doc: Doc, text: str, ents: list[Span]) -> list[Span]:
        """INDICATOR spans grown over attached modifiers, where no entity is."""
        out = list(ents)
        for k, e in enumerate(ents):
            if e.label_ != "INDICATOR":
                continue
            lo = ents[k - 1].end_char if k else 0
            hi = ents[k + 1].start_char if k + 1 < len(ents) else len(text)
            before = _INDICATOR_BEFORE.search(text[max(lo, e.start_char - 6):e.start_char])
            after = _INDICATOR_AFTER.match(text[e.end_char:min(hi, e.end_char + 4)])
            a = e.start_char - (len(before.group()) if before else 0)
            b = e.end_char + (len(after.group()) if after else 0)
            if (a, b) != (e.start_char, e.end_char):
                span = doc.char_span(a, b, label="INDICATOR", alignment_mode="strict")
                if span is not None and not (doc.has_annotation("SENT_START")
                                             and any(t.is_sent_start for t in span[1:])):
                    out[k] = span
        return out

    @staticmethod
    def _indicator_frames(doc: Doc, text: str, taken: list[bool], ents: list[Span]) -> list[Span]:
        """INDICATOR names stated right before a predicate and a value entity."""
        out = []
        for e in ents:
            if e.label_ not in ("PERCENT", "MONEY", "QUANTITY"):
                continue
            before = text[max(0, e.start_char - 30):e.start_char]
            pred = _FRAME_PREDICATE.search(before)
            if not pred:
                continue
            name = _FRAME_NAME.search(before[:pred.start()])
            if not name:
                continue
            lead = _FRAME_LEAD.match(name.group())
            word = name.group()[lead.end() if lead else 0:]
            b = e.start_char - (len(before) - pred.start())
            a = b - len(word)
            if not (2 <= len(word) <= 12 and word.endswith(INDICATOR_HEADS)) or not _free(doc, taken, a, b):
                continue
            span = doc.char_span(a, b, label="INDICATOR", alignment_mode="strict")
            if span is not None:
                out.append(span)
                for k in range(a, b):
                    taken[k] = True
        return out

    @staticmethod
    def _duration_time(doc: Doc, text: str, ents: list[Span]) -> list[Span]:
        """A DATE that counts time, followed by `时间` as its head, takes it in."""
        out = list(ents)
        for i, e in enumerate(out):
            if e.label_ != "DATE" or not DURATION.match(e.text) or \
                    not _TIME_HEAD.match(text[e.end_char:e.end_char + 3]):
                continue
            end = e.end_char + 2
            if i + 1 < len(out) and out[i + 1].start_char < end:
                continue
            span = doc.char_span(e.start_char, end, label="DATE", alignment_mode="strict")
            if span is not None:
                out[i] = span
        return out

    @staticmethod
    def _value_shapes(doc: Doc, ents: list[Span]) -> list[Span]:
        """Percentages and `X个亿` amounts as one span of their label; the
        entities inside a match give way, one crossing its edge wins."""
        text = doc_text(doc)
        for pattern, label in VALUE_SHAPES:
            bounds = [(e.start_char, e.end_char) for e in ents]
            ends = [b for _, b in bounds]
            for m in pattern.finditer(text):
                a, b = m.start(), m.end()
                # entities that end after a and start before b (ents are sorted, disjoint)
                i = bisect.bisect_right(ends, a)
                j = i
                while j < len(bounds) and bounds[j][0] < b:
                    j += 1
                near = range(i, j)
                if any(bounds[k][0] < a or bounds[k][1] > b for k in near) or \
                        (j - i == 1 and bounds[i] == (a, b) and ents[i].label_ == label):
                    continue
                span = doc.char_span(a, b, label=label, alignment_mode="strict")
                if span is None or (doc.has_annotation("SENT_START") and any(t.is_sent_start for t in span[1:])):
                    continue
                ents[i:j] = [span]
                bounds[i:j] = [(a, b)]
                ends[i:j] = [b]
        return ents

    @staticmethod
    def _complete_dept_names(doc: Doc, ents: list[Span]) -> list[Span]:
        """Extend a DEPT found without the start of its name back to an
        administrative prefix written attached (`建设局` in
        `省营商环境建设局`), or to the first half of a name joined by 和
        (`区自然资源和规划分局`): the segmenter cuts such names into pieces."""
        text = doc_text(doc)
        out = []
        starts = {e.end_char for e in ents}
        for e in ents:
            if e.label_ == "DEPT" and e.text[:1] not in "省市县区州国中党XＸ×":
                m = (_DEPT_PREFIX.search(text[max(0, e.start_char - 10):e.start_char])
                     or _DEPT_AND.search(text[max(0, e.start_char - 10):e.start_char]))
                if m:
                    a = e.start_char - (len(text[max(0, e.start_char - 10):e.start_char]) - m.start())
                    span = doc.char_span(a, e.end_char, label="DEPT", alignment_mode="strict")
                    if span is not None and a not in starts and not any(
                            o is not e and o.start < span.end and span.start < o.end for o in ents):
                        out.append(span)
                        continue
            out.append(e)
        return out

    @staticmethod
    def _complete_policies(doc: Doc, ents: list[Span]) -> list[Span]:
        """Extend a POLICY that stops inside its quotation marks or short of
        a head noun written right after them."""
        text = doc_text(doc)
        out = []
        pairs = {"“": "”", "〝": "〞", "\"": "\"", "《": "》", "〈": "〉"}
        openers = {c: o for o, c in pairs.items() if o != c}
        for e in ents:
            if e.label_ == "POLICY" and e.text[:1] not in pairs:
                # a piece that holds a closing mark but not its opening one:
                # the name began at the nearest opening mark before it
                closing = next((c for c in e.text if c in openers), None)
                if closing is not None and openers[closing] not in e.text:
                    opening = openers[closing]
                    before = text[max(0, e.start_char - 30):e.start_char]
                    k = before.rfind(opening)
                    if k >= 0 and closing not in before[k:] and "\n" not in before[k:]:
                        a = e.start_char - (len(before) - k)
                        span = doc.char_span(a, e.end_char, label="POLICY", alignment_mode="strict")
                        if span is not None and _swallows_only(span, e, ents):
                            out.append(span)
                            continue
            if e.label_ == "POLICY" and e.text[:1] in pairs:
                a, b = e.start_char, e.end_char
                opening, closing = e.text[0], pairs[e.text[0]]
                if closing not in e.text[1:]:
                    close = re.match(rf"[^{opening}{closing}\n]{{0,60}}{closing}", text[b:])
                    if close:
                        b += close.end()
                head = re.match(rf"(?:{_HEAD})", text[b:])
                if head and text[b - 1] in "”〞\"":
                    b += head.end()
                if (a, b) != (e.start_char, e.end_char):
                    span = doc.char_span(a, b, label="POLICY", alignment_mode="strict")
                    if span is not None and _swallows_only(span, e, ents):
                        out.append(span)
                        continue
            out.append(e)
        return filter_spans(out)


@Language.factory("govspeech_entity_rules", assigns=["doc.ents"], requires=["doc.ents"],
                  default_config={"policy": True, "dept_prefix": True, "indicator_lexicon": True,
                                  "indicator_frames": True, "value_shapes": True, "relative_dates": True,
                                  "dept_forms": True, "dept_heads": True, "value_units": True,
                                  "duration_time": True, "propagate": False,
                                  "min_propagate_len": 3})
def make_entity_rules(nlp: Language, name: str, policy: bool, dept_prefix: bool, indicator_lexicon: bool,
                      indicator_frames: bool, value_shapes: bool, relative_dates: bool, dept_forms: bool,
                      dept_heads: bool, propagate: bool, min_propagate_len: int, value_units: bool = True,
                      duration_time: bool = True):
    """Factory: rules that complete the `ner` (see module docstring). Each
    switch was set on the dev split (all on but `propagate`)."""
    return EntityRules(name, policy=policy, dept_prefix=dept_prefix, indicator_lexicon=indicator_lexicon,
                       indicator_frames=indicator_frames, value_shapes=value_shapes,
                       relative_dates=relative_dates, dept_forms=dept_forms, dept_heads=dept_heads,
                       value_units=value_units, duration_time=duration_time, propagate=propagate,
                       min_propagate_len=min_propagate_len)
