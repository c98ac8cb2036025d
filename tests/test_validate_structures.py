"""Arithmetic over the statement layer's structures: breakdown sums, a part's named rate, and the
guards that keep an incomplete or ambiguous structure from raising a false alarm.

Sentences are invented in the shapes of real reports (issue 13); each error case has its clean
twin, which must raise nothing.
"""

from __future__ import annotations

import pytest
from junheng.core.model import Figure
from junheng.extractors.figures import extract
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.segment import segment
from junheng.validate import validate_document
from junheng.validate.rules import ARITHMETIC_RULES


def _findings(text: str) -> list[tuple[str, tuple[float, ...]]]:
    doc = read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    found = validate_document(doc, [], [], rules=ARITHMETIC_RULES)
    return [(f.rule, f.values) for f in found]


def _extracted(text: str) -> list[Figure]:
    doc = read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    return extract(doc, segment(doc))


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (  # parts in brackets
            "全县在校生6230人(其中小学4105人,初中2225人)。",
            "全县在校生6230人(其中小学4105人,初中2125人)。",
        ),
        (  # a school type counted in 个 beside 所 is a part
            "全区共有学校98所,其中小学52所,教学点27个,初中29所。",
            "全区共有学校98所,其中小学52所,教学点27个,初中19所。",
        ),
        (  # parts that count their buildings (两幢共…): the area after 共 is the part
            "学校建筑面积9000平方米,其中教学楼两幢共5200平方米,实验楼一栋1300平方米,"
            "学生宿舍3幢共2600平方米。",
            "学校建筑面积9100平方米,其中教学楼两幢共5200平方米,实验楼一栋1300平方米,"
            "学生宿舍3幢共2600平方米。",
        ),
        (  # parts after 其中 in the next sentence
            "共有学生1210名。其中:东关小学400名,西关小学300名,南关小学600名。",
            "共有学生1210名。其中:东关小学400名,西关小学300名,南关小学510名。",
        ),
    ],
)
def test_validate_structures_breakdown_sums(wrong: str, right: str) -> None:
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


@pytest.mark.parametrize(
    "text",
    [
        # a number the parts leave out (another unit): they are not the whole breakdown
        "全区共有学校98所,其中小学52所,初中19所,另设分校若干,教学点27处。",
        # the text is cut off after the parts (an excerpt, a line broken mid-phrase)
        "本区义务教育阶段有学校98所,其中小学52所,教学点27个,初中13所,一贯",
        # a scope narrower than the total (其中义务教育阶段…): a subset, not a partition
        "全市在校中小学生18601人,其中义务教育阶段有初中学生4432人,小学生10973人。",
        # a part's own parts (含…) are not parts of the total
        "全县有各类学校51所,其中幼儿园10所(含民办幼儿园4所)、小学32所、初中8所、普通高中1所。",
        # parts by title, then by degree named after the number: two lists, not one
        "一中现有教职工72人,其中高级教师15人,中级教师30人,学历达标率为95%,31人获本科文凭,"
        "有6名市级骨干教师。",
        # records after 其中 in the next sentence, the last with no amount (cut off after 规划)
        "全县共实施改造项目60个,投入资金3000万元。其中,校舍类20个,共规划投资1500万元;设备类25个,"
        "共规划投资700万元;场地类5个,规划投资200万元;附属设施15个,规划",
        # …or with its amount left out, the text going on
        "全县共实施改造项目60个,投入资金3000万元。其中,校舍类20个,共规划投资1500万元;设备类25个,"
        "共规划投资700万元;场地类5个,规划投资200万元;附属设施15个,正在规划中。",
        # a 共 right after a count of buildings totals those buildings, not the parts before it
        "建筑面积5400平方米,有教学楼两幢共2900平方米,实验楼一栋900平方米,学生宿舍4幢共1600平方米。",
    ],
)
def test_validate_structures_incomplete_breakdowns_raise_nothing(text: str) -> None:
    assert _findings(text) == []


def test_validate_structures_part_rate() -> None:
    """total, 其中 the part the rate counts, then the rate: part / total."""
    right = "2016年全乡适龄儿童总数为2780人,其中在校2771人,入学率为99.7%。"
    wrong = "2016年全乡适龄儿童总数为2780人,其中在校2671人,入学率为99.7%。"
    assert _findings(right) == []
    assert [rule for rule, _ in _findings(wrong)] == ["percent_mismatch"]


@pytest.mark.parametrize(
    "text",
    [
        # the rate is the part's own population's (三类残疾儿童), not part over total
        "全县现有残疾儿童395人,其中三类残疾儿童174人,入学率93.10%。",
        # a share whose base is not named and no number nearby gives it: another base is meant
        "全国累计1830个县通过国家认定,占比91.5%;其中东部地区600个,中部地区580个,西部地区650个,"
        "占88.1%。",
        # a number in a note is not the count of the share after it
        "全国累计1830个县(注:因区划调整减少7个)通过认定,占比91.5%。",
    ],
)
def test_validate_structures_ambiguous_shares_raise_nothing(text: str) -> None:
    assert _findings(text) == []


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (  # a rate of a population named before its numerator, without 其中
            "2014年全乡12至14周岁人口总数1250人,初中在校学生1231人,毛入学率98.5%。",
            "2014年全乡12至14周岁人口总数1250人,初中在校学生1131人,毛入学率98.5%。",
        ),
        (  # average class size (issue 13: 在校生900人,18个教学班,平均班额45人 does not hold)
            "学校在校生900人,现有教学班20个,平均班额45人。",
            "学校在校生900人,现有教学班18个,平均班额45人。",
        ),
        (  # per hundred students (issue 13: 学生600人,计算机60台,每百名学生12台 does not hold)
            "学校有学生600人,有计算机60台,每百名学生拥有计算机10台。",
            "学校有学生600人,有计算机60台,每百名学生拥有计算机12台。",
        ),
    ],
)
def test_validate_structures_named_rates_class_size_per_hundred(right: str, wrong: str) -> None:
    assert _findings(right) == []
    assert len(_findings(wrong)) == 1


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        ("全县学校共52所,农村45所,城区7所。", "全县学校共52所,农村45所,城区9所。"),
        ("目前共有片区54个,城区21个,郊区33个。", "目前共有片区54个,城区21个,郊区43个。"),
    ],
)
def test_validate_structures_parallel_frame(right: str, wrong: str) -> None:
    """A total said as one (共…) and parts that each name an area, without 其中."""
    assert _findings(right) == []
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]


def test_validate_structures_parallel_frame_needs_areas() -> None:
    """Two school types after a count are not its parts: "共有小学20所,初中5所"."""
    assert _findings("全县共有小学20所,初中5所。") == []


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (  # a rate named after its part: 本科率 is the 本科 part over the total (issue 13)
            "教师60人,其中本科学历21人,本科率35%。",
            "教师60人,其中本科学历21人,本科率40%。",
        ),
        (  # a base named in words resolved to the stated total (issue 13)
            "全县学校30所,其中24所已达标,另有6所基本达标,占学校总数的20%。",
            "全县学校30所,其中24所已达标,另有6所基本达标,占学校总数的25%。",
        ),
        (  # average class size with the classes counted before their noun (issue 13)
            "在校生900人,20个教学班,平均班额45人。",
            "在校生900人,18个教学班,平均班额45人。",
        ),
    ],
)
def test_validate_structures_issue_examples(right: str, wrong: str) -> None:
    assert _findings(right) == []
    assert len(_findings(wrong)) == 1


# Wrong and right twins of the structures read since the dev corpus (invented sentences in the
# shapes of its pages): 其中 bound to the head total across clauses, units elided after 万, a
# second noun counted in 个, a rate whose part is named by the rate's word, a change's rate.
@pytest.mark.parametrize(
    ("wrong", "right", "rule"),
    [
        (  # 其中 in the next sentence, after a growth and a share of the same total
            "2018年全省随迁子女为210.55万人,较上年增加1.2%,占在校生总数的8.1%。其中,小学160.25万人,"
            "初中60.30万人。",
            "2018年全省随迁子女为210.55万人,较上年增加1.2%,占在校生总数的8.1%。其中,小学150.25万人,"
            "初中60.30万人。",
            "sum_mismatch",
        ),
        (  # a change against last year between the total and 其中 is not the total
            "全市留守儿童数量为820.40万人,比2017年减少92.60万人,减幅为10.14%。其中,小学有560.20万人,"
            "占小学在校生总数的9.1%,初中有160.20万人,占初中在校生总数的9.8%。",
            "全市留守儿童数量为820.40万人,比2017年减少92.60万人,减幅为10.14%。其中,小学有560.20万人,"
            "占小学在校生总数的9.1%,初中有260.20万人,占初中在校生总数的9.8%。",
            "sum_mismatch",
        ),
        (  # the unit elided after 万 ("50万") is the sibling's (万元)
            "为东区拟投入资金58万元,其中省级补助资金50万,地方配套资金18万元,全部用于购买设备。",
            "为东区拟投入资金58万元,其中省级补助资金50万,地方配套资金8万元,全部用于购买设备。",
            "sum_mismatch",
        ),
        (  # a clause without a number between the total and 其中
            "为西区拟投入资金410万元,均由省级财政拨付,其中维修类资金130万元,设备类资金180万元。",
            "为西区拟投入资金410万元,均由省级财政拨付,其中维修类资金130万元,设备类资金280万元。",
            "sum_mismatch",
        ),
        (  # 人 after 人数: "总人数45.6万" is a count of people
            "全区在校生总人数45.6万、占全区总人口的1/5,其中区内在校生50.1万人、区外在校生5.5万人。",
            "全区在校生总人数45.6万、占全区总人口的1/5,其中区内在校生40.1万人、区外在校生5.5万人。",
            "sum_mismatch",
        ),
        (  # 个 counting two nouns: the 县 parts add up to the 县 total, not with the 省份
            "全国尚有8个省份120个县未通过评估,其中中部3个省份45个县,西部5个省份85个县。",
            "全国尚有8个省份120个县未通过评估,其中中部3个省份45个县,西部5个省份75个县。",
            "sum_mismatch",
        ),
        (  # a part named by the rate's own word, no 其中
            "全镇留守儿童1210人,入学1204人,入学率98.5%。",
            "全镇留守儿童1210人,入学1204人,入学率99.5%。",
            "percent_mismatch",
        ),
        (  # 升学率 of the graduates
            "全县初中毕业生3400人,但考入普通高中的学生只有2210人,普通高中升学率为56%。",
            "全县初中毕业生3400人,但考入普通高中的学生只有2210人,普通高中升学率为65%。",
            "percent_mismatch",
        ),
        (  # the rate of a change is over the earlier value (820.40 + 92.60)
            "全市留守儿童数量为820.40万人,比2017年减少92.60万人,减幅为11.29%。",
            "全市留守儿童数量为820.40万人,比2017年减少92.60万人,减幅为10.14%。",
            "growth_mismatch",
        ),
        (
            "全县在校生5200人,比上年增加200人,增长6%。",
            "全县在校生5200人,比上年增加200人,增长4%。",
            "growth_mismatch",
        ),
    ],
)
def test_validate_structures_read_across_clauses(wrong: str, right: str, rule: str) -> None:
    assert [r for r, _ in _findings(wrong)] == [rule]
    assert _findings(right) == []


# More shapes, invented: bases and parts in the sentence or line before, rates named by their
# own word or after a colon list, per-head amounts, rounded quotients in a counted unit.
@pytest.mark.parametrize(
    ("wrong", "right", "rule"),
    [
        (  # the named base on the line before
            "全县共有专任教师1420人。\n本科以上学历1100人,占专任教师的67.5%。",
            "全县共有专任教师1420人。\n本科以上学历1100人,占专任教师的77.5%。",
            "percent_mismatch",
        ),
        (  # a total opening its sentence over the counts of the sentence before
            "全县小学在校生9800人,初中在校生5500人。全县义务教育阶段在校生共15900人。",
            "全县小学在校生9800人,初中在校生5500人。全县义务教育阶段在校生共15300人。",
            "sum_mismatch",
        ),
        (  # the rate's part opens the next sentence
            "全县小学适龄儿童8520人。已入学8511人,入学率97.89%。",
            "全县小学适龄儿童8520人。已入学8511人,入学率99.89%。",
            "percent_mismatch",
        ),
        (  # parts listed one per line after a colon, each line ending in ;
            "全县现有中小学56所:\n小学42所;\n初中11所;\n九年一贯制学校5所。",
            "全县现有中小学56所:\n小学42所;\n初中11所;\n九年一贯制学校3所。",
            "sum_mismatch",
        ),
        (  # 达标率 of the schools that 达到…标准
            "全县共有义务教育学校56所,已有42所达到省定办学标准,达标率85%。",
            "全县共有义务教育学校56所,已有42所达到省定办学标准,达标率75%。",
            "percent_mismatch",
        ),
        (  # 辍学率: the part named by the rate's stem
            "全县义务教育阶段在校生15300人,辍学学生3人,辍学率0.09%。",
            "全县义务教育阶段在校生15300人,辍学学生3人,辍学率0.02%。",
            "percent_mismatch",
        ),
        (  # 人均: the amount over the people before it
            "全县建档立卡贫困学生1260人,全部享受资助,资助金额189万元,人均1800元。",
            "全县建档立卡贫困学生1260人,全部享受资助,资助金额189万元,人均1500元。",
            "ratio_mismatch",
        ),
        (  # 每百名学生…15台 is a rounded quotient (2300 × 100 / 15300 = 15.03)
            "全县中小学共有计算机2300台,在校生15300人,每百名学生拥有计算机18台。",
            "全县中小学共有计算机2300台,在校生15300人,每百名学生拥有计算机15台。",
            "ratio_mismatch",
        ),
        (  # a partition by gender in brackets, though 男生/女生 are subgroup words
            "全镇有在校生2860人(男生1490人,女生1470人)。",
            "全镇有在校生2860人(男生1490人,女生1370人)。",
            "sum_mismatch",
        ),
        (  # funding sources named by level are parts, not a subset
            "县财政安排资金8600万元,其中中央资金3200万元、省级资金2600万元、县级配套2300万元。",
            "县财政安排资金8600万元,其中中央资金3200万元、省级资金2600万元、县级配套2800万元。",
            "sum_mismatch",
        ),
        (  # the same words in two years, then the growth
            "2022年投入资金2100万元,2023年投入资金2560万元,增长25.9%。",
            "2022年投入资金2100万元,2023年投入资金2560万元,增长21.9%。",
            "growth_mismatch",
        ),
        (  # …the years' words apart, and a span of time before the change
            "2013年全市小学在校生的规模为78.9万人,之后逐年递增,至2020年全市小学在校生的规模为"
            "99.5万人,七年时间内小学在校生增长了30.6万人。",
            "2013年全市小学在校生的规模为78.9万人,之后逐年递增,至2020年全市小学在校生的规模为"
            "99.5万人,七年时间内小学在校生增长了20.6万人。",
            "growth_mismatch",
        ),
    ],
)
def test_validate_structures_more_shapes(wrong: str, right: str, rule: str) -> None:
    assert [r for r, _ in _findings(wrong)] == [rule]
    assert _findings(right) == []


def test_validate_structures_a_rate_of_another_population_is_not_the_parts() -> None:
    # the rate names 小学适龄儿童, the count before it is of 初中: no share of the two counts
    text = "全市小学在校生15.42万人,初中在校生9.36万人,全县小学学龄儿童入学率达100%。"
    assert _findings(text) == []


# Statistical-bulletin and inspection shapes, invented: parts interleaved with their changes,
# percentage points, a base written inside the share, a rate after a "在N所…中" frame.
@pytest.mark.parametrize(
    ("wrong", "right", "rule"),
    [
        (  # each part followed by its change against last year; the total's change is no total
            "全省共有义务教育阶段学校8560所,比上年减少120所;其中小学6230所,比上年减少98所;"
            "初中2130所,比上年减少22所。",
            "全省共有义务教育阶段学校8560所,比上年减少120所;其中小学6230所,比上年减少98所;"
            "初中2330所,比上年减少22所。",
            "sum_mismatch",
        ),
        (
            "小学学龄儿童净入学率由99.94%提高到99.96%,提高0.12个百分点。",
            "小学学龄儿童净入学率由99.94%提高到99.96%,提高0.02个百分点。",
            "growth_mismatch",
        ),
        (
            "全县财政收入增长8.5%,教育支出增长12.3%,教育支出增幅高于财政收入增幅5.8个百分点。",
            "全县财政收入增长8.5%,教育支出增长12.3%,教育支出增幅高于财政收入增幅3.8个百分点。",
            "growth_mismatch",
        ),
        (
            "全县有寄宿制学校23所,寄宿生4200人,占在校生总数15300人的37.5%。",
            "全县有寄宿制学校23所,寄宿生4200人,占在校生总数15300人的27.5%。",
            "percent_mismatch",
        ),
        (
            "在20所需改造学校中,已完成15所,完成率85%。",
            "在20所需改造学校中,已完成15所,完成率75%。",
            "percent_mismatch",
        ),
        (  # 应…: the base a 补充率 is of
            "全县应补充教师120名,实际补充96名,补充率90%。",
            "全县应补充教师120名,实际补充96名,补充率80%。",
            "percent_mismatch",
        ),
        (
            "全县小学56个班,学生2520人,班额平均49人。",
            "全县小学56个班,学生2520人,班额平均45人。",
            "ratio_mismatch",
        ),
    ],
)
def test_validate_structures_bulletin_shapes(wrong: str, right: str, rule: str) -> None:
    assert [r for r, _ in _findings(wrong)] == [rule]
    assert _findings(right) == []


# Growth with both values stated in other orders, and a yearly average that is no total change.
@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (
            "2019年全县教育经费投入4.8亿元,比2015年的3.2亿元增长40%。",
            "2019年全县教育经费投入4.8亿元,比2015年的3.2亿元增长50%。",
        ),
        (
            "2019年全县教育经费投入4.8亿元,较上年的4.2亿元增长18.3%。",
            "2019年全县教育经费投入4.8亿元,较上年的4.2亿元增长14.3%。",
        ),
        (
            "2019年教育经费投入4.8亿元,2018年为4.2亿元,增长18.3%。",
            "2019年教育经费投入4.8亿元,2018年为4.2亿元,增长14.3%。",
        ),
        (  # 年均增长 is a yearly average: the right twin raises nothing
            "全县教育经费投入由3.2亿元增至4.8亿元,增长40%。",
            "全县教育经费投入由3.2亿元增至4.8亿元,年均增长10.7%。",
        ),
    ],
)
def test_validate_structures_growth_orders(wrong: str, right: str) -> None:
    assert [r for r, _ in _findings(wrong)] == ["growth_mismatch"]
    assert _findings(right) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (  # parts in the next sentence, no 其中: a list that may leave parts out
            "全年共实施项目10个。新建项目11个,改扩建项目2个,维修项目1个。",
            "全年共实施项目15个。新建项目11个,改扩建项目2个,维修项目1个。",
        ),
        (  # money by source is a partition, whatever level names the source
            "全年共投入资金1210万元。中央资金1091万元,县级配套619万元。",
            "全年共投入资金1710万元。中央资金1091万元,县级配套619万元。",
        ),
        (
            "全县共有学生2500人。男生1600人,女生1400人。",
            "全县共有学生3000人。男生1600人,女生1400人。",
        ),
        (  # no total word: the two sides of a pair are the whole of a count said alone…
            "全区有在校学生3100人。男生1600人,女生1400人。",
            "全区有在校学生3000人。男生1600人,女生1400人。",
        ),
        (  # …or said as a whole (总人口) beside another count
            "全县总户数3973户,全县总人口10429人,同比增长0.3%。男性人口5278人,女性人口5251人。",
            "全县总户数3973户,全县总人口10529人,同比增长0.3%。男性人口5278人,女性人口5251人。",
        ),
        (  # a total word opening the clause, the levels that make up its level as the parts:
            # the whole, so a part too small is an error; a 其中 after them counts a part's parts
            "目前,我市共有义务教育阶段学校58所。小学37所,初中17所,其中九年一贯制学校3所。",
            "目前,我市共有义务教育阶段学校58所。小学41所,初中17所,其中九年一贯制学校3所。",
        ),
    ],
)
def test_validate_structures_parts_in_the_next_sentence(wrong: str, right: str) -> None:
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


@pytest.mark.parametrize(
    "text",
    [
        # groups that may overlap: their sum says nothing about the total
        "全县共有学校52所。农村学校45所,寄宿制学校30所。",
        "全县共有学生3000人。男生1600人,女生1400人,少数民族学生600人。",
        # changes against another time are no parts of the stock
        "全县共有教师520人。比上年增加教师300人,新增特岗教师250人。",
        # a total that is not the last of its unit in its sentence has its parts there
        "全县共有学校52所,其中小学40所、初中12所。新建学校30所,改扩建学校25所。",
        # school types of several levels under one level's count: some of it, not its whole
        "全县小学135所,初中31所,其中九年一贯制学校4所,特殊教育学校1所。",
        # levels that do not make up the total's level: some of it, not its whole
        "目前,我市共有义务教育阶段学校58所。小学37所,幼儿园17所。",
        "目前,我市共有学校数58所。小学37所,初中17所。",
        # the sides of another count than the one said alone
        "全县有教职工3100人。城区学生1600人,农村学生1400人。",
        # no total word and two counts of the unit: the sides may be of both
        "全县小学在校生3100人,初中在校生2000人。男生2600人,女生2500人。",
    ],
)
def test_validate_structures_next_sentence_lists_that_are_no_parts(text: str) -> None:
    assert _findings(text) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (  # "N个X中,": what follows counts among the total, whatever words each part has
            "尚未开工的8个项目中,4个正在招标,2个正在办理手续,3个暂缓实施。",
            "尚未开工的8个项目中,4个正在招标,2个正在办理手续,2个暂缓实施。",
        ),
        (  # one part is enough to exceed; what 其中 breaks down after it is the part's own
            "此次摸排的84名学龄儿童中,已经入学的有120人,其中:特殊学校就读12人,普通学校就读108人。",
            "此次摸排的122名学龄儿童中,已经入学的有120人,其中:特殊学校就读12人,普通学校就读108人。",
        ),
    ],
)
def test_validate_structures_parts_among_a_total(wrong: str, right: str) -> None:
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("全校在校生1000人,其中寄宿生1200人。", "全校在校生1000人,其中寄宿生600人。"),
        ("全镇有教师138人,其中女教师180人。", "全镇有教师138人,其中女教师80人。"),
    ],
)
def test_validate_structures_a_group_the_total_holds_is_checked(wrong: str, right: str) -> None:
    """寄宿生 are some of the pupils, 女教师 some of the teachers: a lone part above its total is
    an error, whatever other nouns the rule lets pass."""
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


def test_validate_structures_groups_among_a_total_may_overlap() -> None:
    assert _findings("全镇1200名学生中,寄宿生900人,留守儿童500人。") == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (  # a list divided by , ends at a ;: the 民办 schools after it are another count
            "全乡有学校9所,其中初中1所,小学6所,职中1所;民办学校3所。",
            "全乡有学校8所,其中初中1所,小学6所,职中1所;民办学校3所。",
        ),
        (  # a list divided by ; runs on over the other counts of each part
            "全镇学校12所,其中小学10所,在校生3000人;初中3所,在校生1000人。",
            "全镇学校12所,其中小学10所,在校生3000人;初中2所,在校生1000人。",
        ),
        (  # a part of another level than the total's noun holds ends the list
            "全镇有中小学8所:中学1所、中心小学1所、村小5所;幼儿园1所、民办学校3所。",
            "全镇有中小学8所:中学1所、中心小学1所、村小6所;幼儿园1所、民办学校3所。",
        ),
    ],
)
def test_validate_structures_where_a_list_of_parts_ends(wrong: str, right: str) -> None:
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (  # projects counted in 个 and in 项
            "全市共有86个项目,其中新建项目52项,改扩建项目44项。",
            "全市共有86个项目,其中新建项目52项,改扩建项目34项。",
        ),
        (  # classes in order, without 其中
            "共安排工程两大类96项,一类为维修改造类58项,另一类为装备配置类48项。",
            "共安排工程两大类96项,一类为维修改造类58项,另一类为装备配置类38项。",
        ),
        (  # classes named …类 and counted in 项 under projects in 个, each with its own figures
            "东区共有35个项目,其中校舍改造类21项,面积8.4万平方米,投入4100万元;"
            "设备采购类16项,投入980万元。",
            "东区共有35个项目,其中校舍改造类21项,面积8.4万平方米,投入4100万元;"
            "设备采购类14项,投入980万元。",
        ),
    ],
)
def test_validate_structures_projects_and_classes_in_order(wrong: str, right: str) -> None:
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


def test_validate_structures_a_named_rate_over_the_total_of_the_sentence_before() -> None:
    """开工率 over the schools planned in the sentence before, its part said after a time."""
    right = "全市计划新建改扩建学校75所。截至目前,已开工67所,开工率89.33%。"
    assert _findings(right) == []
    wrong = right.replace("89.33", "79.33")
    assert [rule for rule, _ in _findings(wrong)] == ["percent_mismatch"]


def test_validate_structures_two_totals_share_one_breakdown() -> None:
    """N个A M个B,其中 x个A y个B,…: each total over the parts that count its noun."""
    right = "全省尚有9个县区136所学校未达标,其中东部2个县区39所学校,西部7个县区97所学校。"
    assert _findings(right) == []
    text = "全区仍有8个片区125个村未完成验收,其中东片3个片区41个村,西片3个片区84个村。"
    assert [rule for rule, _ in _findings(text)] == ["sum_mismatch"]
    assert _findings(text.replace("西片3个", "西片5个")) == []


@pytest.mark.parametrize(
    "text",
    [
        # the share of a list of counts is of the whole list, not of its last count
        "全县共有学校33所。6所初中、2所一贯制学校、20所小学达标,占学校总数的84.85%。",
        # a count inside brackets is no head of the 其中 after them
        "全县学校**所(含省直学校3所),其中初中6所,小学9所。",
        # points over a time are the last rate's change, not the difference of the two rates
        "民办园在园幼儿80万人,增长2.1%,占比35.2%,比上年提高1.4个百分点。",
        # a count of another noun after 其中 (a copy's stray 其中) is not among the teachers
        "全镇现有小学5所;有教师126人其中;学生1180人。",
        "全镇有教师126人,其中学生1180人。",
    ],
)
def test_validate_structures_false_alarms_of_unseen_reports(text: str) -> None:
    assert _findings(text) == []


def test_validate_structures_growth_rate_after_the_difference() -> None:
    """ "比上年8.0亿元增加1.6亿元,增长20%": both the difference and the rate are checked."""
    right = "全县教育总收入9.6亿元,比上年8.0亿元增加1.6亿元,增长20%。"
    assert _findings(right) == []
    assert [rule for rule, _ in _findings(right.replace("增长20%", "增长30%"))] == [
        "growth_mismatch"
    ]


def test_validate_structures_per_student_over_the_total_its_topic_names() -> None:
    """生均建筑面积 over 建筑面积, not over 占地面积 which shares only 面积; none when the 建筑面积
    is hedged (约)."""
    right = "学校建筑面积4200平方米,占地面积30500平方米,在校生350人,生均建筑面积12.0平方米。"
    assert _findings(right) == []
    assert [rule for rule, _ in _findings(right.replace("12.0平方米", "14.0平方米"))] == [
        "ratio_mismatch"
    ]
    hedged = "学校占地面积51200平方米,建筑面积约3180平方米,生均建筑面积24.5平方米。在校学生130人。"
    assert _findings(hedged) == []


def test_validate_structures_nine_years_of_schooling_is_no_number() -> None:
    """九年一贯制 / 九年义务教育 are names: the share after a list that holds one is still the
    list's."""
    text = (
        "全市已有38所学校通过标准化验收,其中9所初中、2所九年一贯制学校、23所小学已经达标,"
        "占学校总数的89.47%。"
    )
    assert _findings(text) == []


def test_validate_structures_parts_named_by_a_category_and_the_totals_words() -> None:
    """A total with no noun of the lexicon (学位), its bracketed parts each a school type followed
    by the total's own words: the parts of that total."""
    right = "全镇有学位6120个(教学点有学位240个,小学有学位3480个,中学有学位2400个)。"
    assert _findings(right) == []
    wrong = right.replace("2400", "2460")
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    # parts whose words are not the total's are no parts of it
    assert _findings("全镇有学位6120个(教学点有座位240个,小学有桌椅3480个)。") == []


def test_validate_structures_counts_in_items_are_exact() -> None:
    """A count in 项, 处, 条 … is exact: 47 is more than 46, not 46 give or take a half each."""
    text = "全市共有35个项目,其中新建类21项,改建类15项。"
    assert [rule for rule, _ in _findings(text)] == ["sum_mismatch"]


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (  # school types under a total said as one, without 其中
            "全镇共有中小学16所,小学11所,初中6所。",
            "全镇共有中小学16所,小学11所,初中5所。",
        ),
        (  # the two sides of a pair after any total
            "全校有教职工86人,男教职工30人,女教职工58人。",
            "全校有教职工86人,男教职工30人,女教职工56人。",
        ),
        (  # sources of an amount said as a total, to the end of the sentence
            "全县共投入资金4200万元,争取中央资金900万元,省级配套1800万元,县级自筹1600万元。",
            "全县共投入资金4200万元,争取中央资金900万元,省级配套1800万元,县级自筹1500万元。",
        ),
        (  # parts before a total said last, a school type counted in 个 among them
            "全区小学41所,初中12所,教学点9个,合计64所。",
            "全区小学41所,初中12所,教学点9个,合计62所。",
        ),
    ],
)
def test_validate_structures_frames_without_qizhong(wrong: str, right: str) -> None:
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


@pytest.mark.parametrize(
    "text",
    [
        # sources that stop before the sentence does may leave some out
        "全县共投入资金4200万元,争取中央资金900万元,省级配套1800万元,用于校舍改造。",
        # a count in another unit among the parts before a total: they need not add up
        "全区小学41所,初中12所,在校生2.1万人,合计58所。",
        # 其中 after a count of another noun: its part counts that noun (县), not the first (市)
        "全省共有11个市、92个县(市、区),其中已通过认定的有80个,占86.96%。",
        # a kind and a subgroup are no pair
        "全校有教职工86人,男教职工30人,骨干教师21人。",
    ],
)
def test_validate_structures_frames_that_are_not_breakdowns(text: str) -> None:
    assert _findings(text) == []


def test_validate_structures_unpunctuated_parts_end_at_a_total_of_their_own() -> None:
    """A page that lost its punctuation: the school parts end where a count of classes said as a
    total (小学共…个教学班) begins; a school type counted in 个 is still a part."""
    right = (
        "全乡共有学校18所其中初中2所小学12所教学点4个小学共96个教学班在校生3120人初中共有24个教学班"
    )
    assert _findings(right) == []
    wrong = right.replace("教学点4个", "教学点6个")
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]


_RECORDS = (
    "全县现有义务教育学校38所,在校生21450人。其中初中9所,在校生6120人;小学28所,在校生13800人;"
    "九年一贯制学校1所,在校生1530人。"
)


@pytest.mark.parametrize(
    "wrong",
    [
        _RECORDS.replace("学校38所", "学校41所"),  # the schools' total
        _RECORDS.replace("在校生1530人", "在校生1930人"),  # a part of the students' total
    ],
)
def test_validate_structures_records_under_two_totals(wrong: str) -> None:
    """Two totals said together, one 其中 breaking both down record by record."""
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(_RECORDS) == []


def test_validate_structures_a_later_part_and_its_own_rate() -> None:
    """The second subgroup after 其中, past a ; and another subgroup's rate, over the head: not
    over the subgroup before it."""
    right = "全校在职教师64人,其中专科学历58人,学历合格率100%;本科学历16人,本科率25%;职员7人。"
    assert _findings(right) == []
    wrong = right.replace("本科率25%", "本科率35%")
    assert [(rule, values) for rule, values in _findings(wrong)] == [
        ("percent_mismatch", (16.0, 64.0, 35.0))
    ]


def test_validate_structures_a_time_between_the_population_and_its_part() -> None:
    right = "本学年初在校学生总数为1260人,截至4月底辍学9人,辍学率为0.71%。"
    assert _findings(right) == []
    assert [rule for rule, _ in _findings(right.replace("0.71%", "1.71%"))] == ["percent_mismatch"]


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (  # a part named by its rate's word, then the population, then the rate
            "全县辍学学生8人,在校生16000人,辍学率0.5%。",
            "全县辍学学生8人,在校生16000人,辍学率0.05%。",
        ),
        (  # …or by its numerator's word, over an age group of what it counts
            "全镇在园幼儿1380人,学龄幼儿1720人,入园率85%。",
            "全镇在园幼儿1380人,学龄幼儿1720人,入园率80%。",
        ),
        (  # 中小学生 names no one level: its students and teachers give the 生师比
            "全县中小学生13500人,专任教师900人,生师比为17:1。",
            "全县中小学生13500人,专任教师900人,生师比为15:1。",
        ),
        (  # school types under a total said as one, divided by 、, one counted in 个
            "全县共有学校52所,完全小学30所、初级中学12所、教学点13个。",
            "全县共有学校52所,完全小学30所、初级中学12所、教学点10个。",
        ),
    ],
)
def test_validate_structures_rates_and_frames_in_other_orders(wrong: str, right: str) -> None:
    assert len(_findings(wrong)) == 1
    assert _findings(right) == []


def test_validate_structures_a_levels_count_is_no_part_of_the_next_levels() -> None:
    """小学在校生 is not the 入学 part of the 初中在校生 after it, whatever rate follows."""
    assert _findings("小学在校生18.42万人,初中在校生9.35万人,全县小学适龄儿童入学率达100%。") == []


def test_validate_structures_a_frame_that_goes_on_in_another_unit_is_partial() -> None:
    """The parts of a parallel frame before a count in another unit need not add up."""
    assert _findings("全县共有学校52所,完全小学30所、初级中学12所、在校生3万人。") == []


@pytest.mark.parametrize(
    "right",
    [
        # a chain of rates over one plan: the second rate is over the plan too, not the first part
        "全省改薄项目学校900所,已开工864所,开工率96%;已竣工810所,竣工率90%。",
        # in other units: an area, money
        "全市规划校舍面积64万平方米,已开工56万平方米,开工率87.5%。",
        "全县设备购置计划资金1.6亿元,已完成采购1.2亿元,完成率75%。",
    ],
)
def test_validate_structures_progress_rates(right: str) -> None:
    assert _findings(right) == []
    wrong = right.replace("90%", "80%").replace("87.5%", "77.5%").replace("75%", "65%")
    assert [rule for rule, _ in _findings(wrong)] == ["percent_mismatch"]


def test_validate_structures_a_progress_rate_needs_the_plan_named() -> None:
    """Without a plan or total word the first count is no base: nothing is read."""
    assert _findings("全市新建校舍8万平方米,改造校舍5万平方米,改造率40%。") == []


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (  # a share's base named with a qualifier its total's sentence says before it
            "全省共有特殊教育学校120所,在校生3.2万人。其中,随班就读在校生1.6万人,"
            "占特殊教育在校生的50%。",
            "全省共有特殊教育学校120所,在校生3.2万人。其中,随班就读在校生1.6万人,"
            "占特殊教育在校生的60%。",
        ),
        (  # 义务教育阶段在校生 is the 义务教育在校生 a share names
            "全省义务教育阶段在校生500万人。随迁子女40万人,占义务教育在校生的8%。",
            "全省义务教育阶段在校生500万人。随迁子女40万人,占义务教育在校生的9%。",
        ),
        (  # a ratio of the level its ;-segment opens with, its students stated later
            "全省小学专任教师20万人,生师比16:1;初中专任教师10万人,生师比12:1。全省小学在校生"
            "320万人,初中在校生120万人。",
            "全省小学专任教师20万人,生师比18:1;初中专任教师10万人,生师比12:1。全省小学在校生"
            "320万人,初中在校生120万人。",
        ),
    ],
)
def test_validate_structures_bulletin_bases_and_levels(right: str, wrong: str) -> None:
    assert _findings(right) == []
    assert len(_findings(wrong)) == 1


def test_validate_structures_parts_a_bracket_includes_need_not_add_up() -> None:
    """ "(含…)" names some of what the total counts: only parts above it are an error."""
    right = "全市初中32所(含九年一贯制学校5所,十二年一贯制学校3所,完全中学6所)。"
    assert _findings(right) == []
    wrong = "全市初中32所(含九年一贯制学校22所,十二年一贯制学校8所,完全中学7所)。"
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]


def test_validate_structures_a_per_student_area_is_not_over_another_areas_total() -> None:
    """生均校舍建筑面积 is not the land area over the students: they share only 面积."""
    text = (
        "学校现有学生600人。校园占地面积24000平方米,生均用地面积40平方米,生均校舍建筑面积9平方米。"
    )
    assert _findings(text) == []
    wrong = text.replace("生均用地面积40", "生均用地面积50")
    assert [rule for rule, _ in _findings(wrong)] == ["ratio_mismatch"]


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (  # by degree, then by title: each dimension against the total, never added across
            "全镇专任教师40人,其中本科学历26人,专科学历14人,高级职称9人,中级职称43人。",
            "全镇专任教师40人,其中本科学历26人,专科学历14人,高级职称9人,中级职称23人。",
        ),
        (  # by sex, then by age band
            "学校有教职工64人,其中男教职工21人,女教职工47人,40岁以下教职工30人,40岁以上34人。",
            "学校有教职工64人,其中男教职工21人,女教职工43人,40岁以下教职工30人,40岁以上34人。",
        ),
        (  # by kind of provider, then by level (no 其中: a frame said as one total)
            "全县共有中小学37所,公办33所,民办4所,小学26所,初中21所。",
            "全县共有中小学37所,公办33所,民办4所,小学26所,初中11所。",
        ),
    ],
)
def test_validate_structures_one_partition_per_dimension(wrong: str, right: str) -> None:
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (  # 占学校总数的: the base is the count of a school type of the lexicon's schools group
            "全县共有中小学52所,其中农村学校45所,占学校总数的86.5%。",
            "全县共有中小学52所,其中农村学校45所,占学校总数的80.5%。",
        ),
        (  # 在校生 names the 在校学生 counted before it (one group of the lexicon)
            "全县在校学生12000人,留守儿童3000人,占在校生总数的25%。",
            "全县在校学生12000人,留守儿童3000人,占在校生总数的20%。",
        ),
        (  # a population said as "among N" and a rate whose word follows the part's number
            "全县52所学校中,已有45所通过验收,通过率86.5%。",
            "全县52所学校中,已有45所通过验收,通过率82.5%。",
        ),
        (  # the schools that pass named by the rate's numerator words (达到…标准 for 达标率)
            "全镇义务教育学校24所,21所达到省定办学标准,达标率为87.5%。",
            "全镇义务教育学校24所,21所达到省定办学标准,达标率为92.5%。",
        ),
    ],
)
def test_validate_structures_bases_named_by_kind(right: str, wrong: str) -> None:
    assert _findings(right) == []
    assert [rule for rule, _ in _findings(wrong)] == ["percent_mismatch"]


def test_validate_structures_named_base_keeps_its_level() -> None:
    """占初中学校总数的 is not of the 中小学 before it: a base of another level is no base."""
    assert _findings("全县共有中小学52所,其中农村初中学校5所,占初中学校总数的50%。") == []
    # 中学生 names no level of its own: the 初中 before it does (not 义务教育阶段在校生's)
    assert (
        _findings(
            "全市在校中小学生18601人,其中义务教育阶段有初中学生4432人,小学生10973人。"
            "全市寄宿生共计611人,占全市义务教育阶段在校生的4%。"
        )
        == []
    )


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (  # a part named again with its share: the part over the breakdown's total
            "全县在校生6230人,其中小学4105人,初中2125人,小学占65.9%。",
            "全县在校生6230人,其中小学4105人,初中2125人,小学占55.9%。",
        ),
        (  # in the next sentence, the part's name with its noun
            "全县学校共52所,农村45所,城区7所。农村学校占86.5%。",
            "全县学校共52所,农村45所,城区7所。农村学校占80.5%。",
        ),
        (  # the last part's own name: one finding, not one per reading
            "全县学校共52所,农村45所,城区7所,城区学校所占比例为13.5%。",
            "全县学校共52所,农村45所,城区7所,城区学校所占比例为18.5%。",
        ),
    ],
)
def test_validate_structures_named_part_share(right: str, wrong: str) -> None:
    assert _findings(right) == []
    assert [rule for rule, _ in _findings(wrong)] == ["percent_mismatch"]


def test_validate_structures_share_of_another_subject_is_not_the_last_count() -> None:
    """ "…初中2125人,小学占65.9%" is 小学's share: not the 初中 count's (a false alarm before)."""
    assert _findings("全县在校生6230人,其中小学4105人,初中2125人,小学占65.9%,初中占34.1%。") == []
    assert _findings("全县在校生6230人,初中2125人,小学占65.9%。") == []


@pytest.mark.parametrize(
    "clean",
    [
        # a subgroup after a part (毕业生 of the 初中) is no other part of the total
        "全县学生10000人,其中初中3000人,初中毕业生1000人,升学率95%。",
        # a part met in full has its own rate, not the total's
        "全县有学校50所,其中40所达标,达标率80%,城区10所全部达标,达标率100%。",
        # 其中 after two school types is of both: the wider 学校 is no part (nor share) of the 初中
        "全县小学30所,初中10所,其中寄宿制学校12所,占30%。",
        # 教学点 listed beside the schools of a total that adds up without them
        "全镇共有小学6所,其中中心小学1所,村小5所,教学点3个,在校生1800人。",
        # values per student never add up
        "全县中小学校舍面积28万平方米,生均8.5平方米,其中小学生均7.2平方米,初中生均10.3平方米。",
        # two counts named by the rate's word are both its numerator: neither is the other's base
        "2018年全县初中毕业生3200人,升入普通高中1900人,升入中职1100人,升学率93.75%。",
    ],
)
def test_validate_structures_no_alarm_on_clean_shapes(clean: str) -> None:
    assert _findings(clean) == []


def test_validate_structures_subgroup_guard_keeps_real_parts() -> None:
    """The guards leave a plain breakdown checked."""
    assert [r for r, _ in _findings("全县学生10000人,其中初中3000人,小学6000人。")] == [
        "sum_mismatch"
    ]


def test_validate_structures_school_points_still_checked() -> None:
    """A sum that fits neither with the 教学点 nor without them is still an error."""
    found = _findings("全镇共有小学6所,其中中心小学1所,村小4所,教学点3个。")
    assert [rule for rule, _ in found] == ["sum_mismatch"]


@pytest.mark.parametrize(
    ("right", "wrong", "rule"),
    [
        (  # 其中 after a change (比2010年增加…) lists the parts of the value, not of the change
            "2012年全县教育经费总额达到3.2亿元,比2010年增加8000万元,其中财政拨款2.9亿元,"
            "社会投入3000万元。",
            "2012年全县教育经费总额达到3.4亿元,比2010年增加8000万元,其中财政拨款2.9亿元,"
            "社会投入3000万元。",
            "sum_mismatch",
        ),
        (  # …unless the parts are changes too
            "全县在校生12000人,比上年增加800人,其中小学增加500人,初中增加300人。",
            "全县在校生12000人,比上年增加800人,其中小学增加500人,初中增加400人。",
            "sum_mismatch",
        ),
        (  # parts that name two dimensions (公办小学: 办学 and 学段) are one list by the shared one
            "全县共有学校532所,其中公办小学201所,公办初中319所,民办九年一贯制学校8所,"
            "民办完全中学2所,十二年一贯制学校1所,特教学校1所。",
            "全县共有学校534所,其中公办小学201所,公办初中319所,民办九年一贯制学校8所,"
            "民办完全中学2所,十二年一贯制学校1所,特教学校1所。",
            "sum_mismatch",
        ),
        (  # a list after 其中 cut by full stops
            "全县共有中小学363所。其中中学93所。小学270所。",
            "全县共有中小学365所。其中中学93所。小学270所。",
            "sum_mismatch",
        ),
        (  # 完成率 of a population, its numerator said by 达 alone
            "全县12至14周岁人口数为1250人,达1231人,完成率为98.5%。",
            "全县12至14周岁人口数为1250人,达1231人,完成率为95.5%。",
            "percent_mismatch",
        ),
    ],
)
def test_validate_structures_heads_and_lists_across_shapes(
    right: str, wrong: str, rule: str
) -> None:
    assert _findings(right) == []
    assert [found for found, _ in _findings(wrong)] == [rule]


def test_validate_structures_more_after_another_may_be_of_the_total() -> None:
    """ "其中小学…,初中…,另有九年一贯制学校…": what 另有 adds may be of the total; parts under it
    are no error, parts above it still are."""
    assert (
        _findings(
            "全县共有各级各类学校532所,其中小学201所,初中319所,另有九年一贯制学校8所,完全中学2所,"
            "十二年一贯制学校1所,特殊教育学校1所。"
        )
        == []
    )
    found = _findings("全县共有各级各类学校500所,其中小学201所,初中319所,另有九年一贯制学校8所。")
    assert [rule for rule, _ in found] == ["sum_mismatch"]


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (  # a 升学率 named in words, of the level it goes to
            "2017年全县有初中毕业生3200人,普通高中招生为2400人,普通初中升普通高中的比率为75%。",
            "2017年全县有初中毕业生3200人,普通高中招生为2400人,普通初中升普通高中的比率为70%。",
        ),
        (  # …and in Traditional script
            "2017年全縣有初中畢業生3200人,普通高中招生為2400人,普通初中升普通高中的比率為75%。",
            "2017年全縣有初中畢業生3200人,普通高中招生為2400人,普通初中升普通高中的比率為70%。",
        ),
    ],
)
def test_validate_structures_a_rate_named_in_words(right: str, wrong: str) -> None:
    assert _findings(right) == []
    assert [rule for rule, _ in _findings(wrong)] == ["percent_mismatch"]


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (  # a total said last over clauses between ;, each of its own level
            "全镇有小学5所,在校学生2400人;初中1所,在校学生1100人,全镇中小学在校生合计3500人。",
            "全镇有小学5所,在校学生2400人;初中1所,在校学生1100人,全镇中小学在校生合计3600人。",
        ),
        (  # …the total in a clause of its own
            "小学在校生2400人;初中在校生1100人;合计3500人。",
            "小学在校生2400人;初中在校生1100人;合计3400人。",
        ),
    ],
)
def test_validate_structures_a_total_over_level_clauses(right: str, wrong: str) -> None:
    assert _findings(right) == []
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]


@pytest.mark.parametrize(
    "clean",
    [
        # the total counts another thing than the clauses (教职工, not 专任教师)
        "全县小学专任教师800人;初中专任教师500人;全县共有教职工1500人。",
        # two clauses of one level are no breakdown by level
        "小学在校生2400人;小学专任教师120人;共计培训教师300人。",
    ],
)
def test_validate_structures_level_clauses_of_another_count_raise_nothing(clean: str) -> None:
    assert _findings(clean) == []


@pytest.mark.parametrize(
    ("right", "wrong", "rule"),
    [
        (  # the students written number first (1080名学生), the 生均 in another paragraph
            "全校现有24个教学班,1080名学生。\n\n二、达标情况\n\n学校藏书21600册,生均20册。",
            "全校现有24个教学班,1080名学生。\n\n二、达标情况\n\n学校藏书21600册,生均27册。",
            "ratio_mismatch",
        ),
        (  # …and the classes too (编班N个)
            "1080名学生编班24个,平均班额45人。",
            "1080名学生编班24个,平均班额61人。",
            "ratio_mismatch",
        ),
        (  # …over the teachers of another paragraph
            "学校现有1080名学生。\n\n我校有专任教师60人,师生比1:18。",
            "学校现有1080名学生。\n\n我校有专任教师60人,师生比1:25。",
            "ratio_mismatch",
        ),
        (  # a base named 生源
            "学校现有1080名学生。我校有随迁子女54人,占学校生源的5%。",
            "学校现有1080名学生。我校有随迁子女54人,占学校生源的8%。",
            "percent_mismatch",
        ),
        (  # totals of the 生均 figures stated in the paragraph before, one under another name
            "我校校园面积30000平方米,建筑面积9000平方米。全校现有1000名学生。\n\n"
            "二、达标情况\n\n我校生均占地面积30平方米,生均校舍建筑面积9平方米。",
            "我校校园面积30000平方米,建筑面积9000平方米。全校现有1000名学生。\n\n"
            "二、达标情况\n\n我校生均占地面积30平方米,生均校舍建筑面积12平方米。",
            "ratio_mismatch",
        ),
        (  # an area said after its number (有8000平方米运动场地), its 生均 a paragraph later
            "学校现有1000名学生。我校建筑面积9000平方米,有8000平方米运动场地。\n\n生均运动场地8平方米。",
            "学校现有1000名学生。我校建筑面积9000平方米,有8000平方米运动场地。\n\n生均运动场地11平方米。",
            "ratio_mismatch",
        ),
        (  # 生均计算机 over the 学生用机 of its sentence
            "学校现有1000名学生。网络教室4个,学生用机共计120台,生均计算机0.12台。",
            "学校现有1000名学生。网络教室4个,学生用机共计120台,生均计算机0.19台。",
            "ratio_mismatch",
        ),
        (  # a share with its base named, after the count's changes against last year
            "全国共有幼儿园30.00万所,比上年增加3000所。其中,普惠性幼儿园24.00万所,比上年增加1.00万所,"
            "增长4.35%,占全国幼儿园的比例80.00%。",
            "全国共有幼儿园30.00万所,比上年增加3000所。其中,普惠性幼儿园24.00万所,比上年增加1.00万所,"
            "增长4.35%,占全国幼儿园的比例56.00%。",
            "percent_mismatch",
        ),
    ],
)
def test_validate_structures_counts_said_number_first(right: str, wrong: str, rule: str) -> None:
    assert _findings(right) == []
    assert [r for r, _ in _findings(wrong)] == [rule]


@pytest.mark.parametrize(
    "clean",
    [
        # a clause that only has something, said after its number, is no part of the 其中 list
        "建筑面积9000平方米,其中教学及辅助用房面积5000平方米,有12000平方米运动场地。",
        # two different totals of the topic in the report: the 生均 names neither
        "学校建筑面积9000平方米,新建教学楼建筑面积3000平方米。全校现有1000名学生。\n\n"
        "二、达标情况\n\n生均校舍建筑面积12平方米。",
    ],
)
def test_validate_structures_no_total_to_check_raise_nothing(clean: str) -> None:
    assert _findings(clean) == []


@pytest.mark.parametrize(
    "clean",
    [
        # a gross rate is over the age group, not over the pupils counted before it
        "全县共有幼儿园60所,入园幼儿5100人,在园幼儿14200人。学前三年毛入园率91.2%。",
        # a share named for another subject than the count before it
        "学校有在岗教师120人,县级以上骨干教师22人,县级以上学科带头人12人,骨干教师比例达35.8%。",
        # 大班 and 超大班 are classes over a size, not a partition of the classes
        "共有27.00万个班,其中,大班3.60万个(占13.33%),超大班1.30万个(占4.81%)。",
        # a 生师比 where the paragraph names teachers besides the counted ones
        "小学2.04万所,在校生982.00万人。小学学校教职工52.00万人,其中,专任教师49.00万人。生师比18.60:1。"
        "另有代课教师3.50万人。",
        # 总班数 names the count of 班 in its own paragraph, not an earlier one
        "全省共有班数37.00万个。\n小学共有26.00万个班,其中,大班3300个,占总班数的1.27%。",
    ],
)
def test_validate_structures_shares_and_ratios_of_no_stated_base_raise_nothing(clean: str) -> None:
    assert _findings(clean) == []


def test_validate_structures_a_total_named_by_its_count_word() -> None:
    wrong = "全省共有班数37.00万个。\n小学共有26.00万个班,其中,大班3300个,占总班数的1.90%。"
    assert [rule for rule, _ in _findings(wrong)] == ["percent_mismatch"]


def test_validate_structures_a_one_part_list_with_its_own_counts_goes_on_past_a_full_stop() -> None:
    right = "全市中小学363所,其中中学93所,在校学生73347人。小学270所,在校学生99017人。"
    assert _findings(right) == []
    wrong = "全市中小学253所,其中中学93所,在校学生73347人。小学270所,在校学生99017人。"
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]


@pytest.mark.parametrize(
    ("total", "flagged"),
    [
        ("12", False),  # every part apart
        ("10", False),  # the 完全中学 also counted under a level: over by that type's count
        ("9", False),  # the 九年一贯制学校 counted twice
        ("7", False),  # both types counted twice
        ("8", True),  # over by 4: no type's count, nor both together
        ("13", True),  # the parts fall short
    ],
)
def test_validate_structures_schools_of_two_levels_may_be_counted_twice(
    total: str, flagged: bool
) -> None:
    text = f"全县普通中小学{total}所,其中完全中学2所,初级中学1所,小学6所,九年一贯制学校3所。"
    assert bool(_findings(text)) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # 这些学校包括 opens the parts of the total said in the sentence before
        (
            "全区现有学校136所,在校学生8.7万人。这些学校包括小学68所,中学45所,职业学校15所,特殊教育学校8所。",
            False,
        ),
        (
            "全区现有学校136所,在校学生8.7万人。这些学校包括小学68所,中学45所,职业学校15所,特殊教育学校18所。",
            True,
        ),
        # …等: the list names some of them, which may not exceed the total
        ("全区现有学校136所。这些学校包括小学68所、中学45所等。", False),
        ("全区现有学校100所。这些学校包括小学68所、中学45所等。", True),
    ],
)
def test_validate_structures_parts_after_baokuo(text: str, flagged: bool) -> None:
    assert bool(_findings(text)) is flagged


def test_validate_structures_a_parts_own_parts_after_baokuo_are_not_the_totals() -> None:
    """其中A,包括a1、a2;B,包括b1、b2: a1 and a2 are A's parts, not the total's (a false alarm
    the validator raised on such money breakdowns), and A's own sum is still checked."""
    text = (
        "今年,全县教育投入累计8316万元,其中中央和省市拨付教育资金5018万元,包括义务教育免费资金"
        "{a1}万元、校舍维修改造资金493万元;县财政用于教育投入3298万元,包括义务教育配套费889万元。"
    )
    assert _findings(text.format(a1="4525")) == []
    assert [rule for rule, _ in _findings(text.format(a1="4925"))] == ["sum_mismatch"]


@pytest.mark.parametrize(
    ("total", "flagged"),
    [("1200", False), ("1500", True), ("1000", True)],
)
def test_validate_structures_the_part_after_a_parts_own_list_is_a_sibling(
    total: str, flagged: bool
) -> None:
    """其中A,包括a1、a2;B…: after A's own list closes at ;, B is the total's next part even when its
    words name a use (用于, 专项), which alone would make it a subset of A."""
    text = (
        f"全镇教育经费共计{total}万元,其中上级拨付资金800万元,包括公用经费500万元、校舍维修资金300万元;"
        "镇财政用于教育投入400万元,包括教师培训经费100万元、专项设备购置资金300万元。"
    )
    assert bool(_findings(text)) is flagged


@pytest.mark.parametrize(
    ("change", "flagged"),
    [("1527", False), ("1068", True), ("3461", True)],
)
def test_validate_structures_changes_of_the_parts_add_up_to_the_totals(
    change: str, flagged: bool
) -> None:
    """A bulletin's total and parts each with its change against last year: the parts' changes,
    a decrease counted negative, add up to the total's (−967+1474+644+376 = 1527)."""
    text = (
        f"本学年全镇在校学生8687人,比上年增加{change}人。其中,小学生4505人,比上年减少967人;"
        "初中生2355人,比上年增加1474人;高中生1176人,比上年增加644人;中职生651人,比上年增加376人。"
    )
    found = _findings(text)
    assert bool(found) is flagged
    if flagged:
        assert found[0][0] == "sum_mismatch" and -967.0 in found[0][1]


def test_validate_structures_a_part_without_its_change_leaves_the_change_unknown() -> None:
    text = (
        "全县共有各类学校125所,比上年增加9所。其中,小学90所,比上年增加2所;初中学校28所;"
        "普通高中3所;职业中学4所。"
    )
    assert _findings(text) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # parts in brackets in the total's unit, their unit left out after the first
        ("全县校舍建筑面积43.2万平方米(学前5.4万、小学14.1万、中学21.6万、职教中心2.1万)。", False),
        ("全县校舍建筑面积43.2万平方米(学前5.4万、小学14.1万、中学27.6万、职教中心2.1万)。", True),
        ("全县共投入资金3000万元(中央资金1000万元、省级资金2000万元)。", False),
        ("全县共投入资金3000万元(中央资金1000万元、省级资金2500万元)。", True),
        # 含 or 等: some of the total, which may not exceed it
        ("全县共投入资金3000万元(含中央资金1000万元、省级资金1500万元)。", False),
        ("全县共投入资金3000万元(中央资金1000万元、省级资金1500万元等)。", False),
        ("全县共投入资金3000万元(含中央资金1000万元、省级资金2500万元)。", True),
    ],
)
def test_validate_structures_money_and_area_parts_in_brackets(text: str, flagged: bool) -> None:
    assert bool(_findings(text)) is flagged


_GRADUATES = (
    "本学年毕业生人数2059人。其中,小学毕业生762人,初中毕业生714人,高中毕业生375人,中职毕业生{}人。"
)
_STAFF = "全县共有教职员工663人。其中,普通中学教职员381人,职业中学教职员工41人,小学教职员工{}人。"


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # the total names the subgroup its parts name: the parts are the whole of it
        (_GRADUATES.format("208"), False),
        (_GRADUATES.format("108"), True),
        # 教职员 is 教职工
        (_STAFF.format("241"), False),
        (_STAFF.format("141"), True),
        # 小高/小一/小二 (小学高级、一级、二级 teachers) break the total down again, by title
        ("现有教师30名,其中本科学历9人,大专学历18人,中师毕业3人,小高17人,小一7人,小二6人。", False),
    ],
)
def test_validate_structures_parts_named_like_their_total(text: str, flagged: bool) -> None:
    assert bool(_findings(text)) is flagged


_NESTED_SEGMENTS = (
    "现有各级各类学校{total}所。其中:高级中学1所,完全中学1所,中等职业学校1所;义务教育学校73所,其中:"
    "初级中学9所,九年一贯制学校9所,完全小学39所,教学点15个,特殊教育学校1所;幼儿园35所,其中:"
    "公办幼儿园22所,民办幼儿园13所。"
)

_TYPES_BY_SEMICOLON = (
    "全市共有义务教育学校{total}所,小学213所;初中18所,完中8所,九年一贯制学校一所,特殊教育学校1所。"
)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # each ;-segment after the first opens with a part that has its own 其中 list
        (_NESTED_SEGMENTS.format(total="111"), False),
        (_NESTED_SEGMENTS.format(total="121"), True),
        (_NESTED_SEGMENTS.format(total="101"), True),
        # school types after a total said as one, divided by ; too, one of them counted in words
        (_TYPES_BY_SEMICOLON.format(total="241"), False),
        (_TYPES_BY_SEMICOLON.format(total="251"), True),
    ],
)
def test_validate_structures_lists_divided_by_semicolons(text: str, flagged: bool) -> None:
    assert bool(_findings(text)) is flagged


_QIZHONG_NEXT = (
    "全县教育经费总投入{total}万元,比上年增长13.1%。其中中央资金1259万元,比上年增长6.5%;"
    "省级资金1303万元,比上年增加200万元;县级资金2734万元,比上年增长16%。"
)


@pytest.mark.parametrize(("total", "flagged"), [("5296", False), ("6296", True), ("4296", True)])
def test_validate_structures_money_parts_in_the_next_sentence_after_qizhong(
    total: str, flagged: bool
) -> None:
    """A money total, then a sentence opening with 其中 whose parts each carry a change (in %, or
    in 元: 比上年增加200万元 is a change, not a part)."""
    assert bool(_findings(_QIZHONG_NEXT.format(total=total))) is flagged


_NAMED_MONEY_SHARES = (
    "全县教育经费总投入5297万元。其中中央资金1259万元,省级资金1303万元,县级资金2735万元。"
    "中央资金占教育经费总投入的比重为{share}%,县级资金占比为51.6%。"
)


@pytest.mark.parametrize(("share", "flagged"), [("23.8", False), ("33.8", True), ("13.8", True)])
def test_validate_structures_a_money_part_named_with_its_share(share: str, flagged: bool) -> None:
    """A part of a money sum named again after the list with its share of the named total."""
    assert bool(_findings(_NAMED_MONEY_SHARES.format(share=share))) is flagged


def test_validate_structures_a_share_of_another_base_is_not_the_parts() -> None:
    """The share names a base the total's words do not (全省): not this sum's part over its
    total."""
    text = (
        "全县教育经费总投入5297万元。其中中央资金1259万元,省级资金1303万元,县级资金2735万元。"
        "中央资金占全省转移支付资金的比重为3.8%。"
    )
    assert _findings(text) == []


_KINDS_THEN_NOUN = (
    "幼儿园专任教师1455人,比去年减少81人;小学专任教师3200人,比去年增加142人;初中专任教师1659人;"
    "高中专任教师731人。全县教职工数9000人,其中专任教师{total}人。"
)


@pytest.mark.parametrize(("total", "flagged"), [("7045", False), ("8045", False), ("6045", True)])
def test_validate_structures_a_noun_alone_after_the_kinds_counts_totals_them(
    total: str, flagged: bool
) -> None:
    """Each kind's 专任教师 in one sentence (their changes aside), then 其中专任教师 in the next:
    the kinds' counts may not exceed it (nothing says every kind was named, so more is no error)."""
    assert bool(_findings(_KINDS_THEN_NOUN.format(total=total))) is flagged


def test_validate_structures_clauses_each_with_its_own_total_are_no_list() -> None:
    """Each ;-clause a kind's total and its schools that meet a condition (其中有…学校): no clause's
    count is a part of the first total (a false alarm read 13+123+16 against 村小14所)."""
    text = (
        "村小14所,其中有安全饮水学校13所,有安全饮用水学校率为93%;教学点123个,其中有安全饮用水"
        "学校113个,有安全饮用水学校率为92%;乡镇小学16所,其中有安全饮用水学校15所,率为94%;"
        "初中16所,有安全饮用水学校15所,率为94%。"
    )
    assert _findings(text) == []


_KINDS_ACROSS_SEMICOLON = (
    "全县共有各级各类学校{total}所。其中,普通高中3所、中等职业学校1所、特殊教育学校1所;"
    "初中28所(含4所民办初中)、小学164所(含6所民办小学)、幼儿园125所。"
)


@pytest.mark.parametrize(("total", "flagged"), [("322", False), ("332", True)])
def test_validate_structures_kinds_of_school_across_a_semicolon_are_one_list(
    total: str, flagged: bool
) -> None:
    """Kinds of school, 、 inside the groups and ; between them: one list (not 3+1+1 against the
    total, a false alarm)."""
    assert bool(_findings(_KINDS_ACROSS_SEMICOLON.format(total=total))) is flagged


_SCHOOL_PAGE = (
    "学校现有40个教学班,在校学生2455人,教职工198人,平均每个班{size}名学生。\n\n二、校园校舍\n\n"
    "1、学校占地面积40000㎡,生均{land}㎡;校舍建筑面积27650㎡,生均11.26㎡。"
)


@pytest.mark.parametrize(
    ("size", "land", "flagged"),
    [("61", "16.29", False), ("71", "16.29", True), ("61", "21.25", True)],
)
def test_validate_structures_an_average_per_class_is_no_count_of_students(
    size: str, land: str, flagged: bool
) -> None:
    """平均每个班61名学生 is the class size (2455 ÷ 40), not a count of students that the
    per-student areas of the next paragraph would be over."""
    assert bool(_findings(_SCHOOL_PAGE.format(size=size, land=land))) is flagged


@pytest.mark.parametrize(("rate", "flagged"), [("93", False), ("83", True)])
def test_validate_structures_a_rate_named_by_the_parts_own_words(rate: str, flagged: bool) -> None:
    """其中有安全饮水学校13所,有安全饮用水学校率为93%: the rate's words share the part's (有安全饮),
    so it is the part over the total (13 ÷ 14)."""
    text = f"村小14所,其中有安全饮水学校13所,有安全饮用水学校率为{rate}%。"
    assert bool(_findings(text)) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # 初中 are no 小学: the list after 其中 is not the 小学's whole breakdown
        ("全县小学18所,其中村小5所,初中2所。", False),
        ("全县18所小学组成教育共同体,其中5所小学为村小,2所初中开展集团化办学。", False),
        # …and the 小学 among it may still not exceed it
        ("全县小学18所,其中村小15所,中心小学6所,初中2所。", True),
    ],
)
def test_validate_structures_a_part_of_another_level_is_no_part(text: str, flagged: bool) -> None:
    assert bool(_findings(text)) is flagged


_RECORDS_AFTER_QIZHONG = (
    "青山县总投入{total}亿元,共有46个项目,其中校舍改造类28项,改造面积3.6万平方米,投入资金"
    "13206万元;设施配备类{kinds}项,投入资金2024万元。"
)


@pytest.mark.parametrize(
    ("total", "kinds", "rules"),
    [
        ("1.523", "18", []),
        ("1.065", "18", ["sum_mismatch"]),  # the records' amounts exceed the total's
        ("1.523", "19", ["sum_mismatch"]),  # the records' counts exceed the projects' (28+19)
    ],
)
def test_validate_structures_a_qizhong_of_records_breaks_down_both_totals(
    total: str, kinds: str, rules: list[str]
) -> None:
    """总投入…亿元,共有46个项目,其中 A…项,…投入资金…万元;B…项,投入资金…万元: each ;-record holds
    a part of the count and one of the amount, so the amounts are parts of the amount's total."""
    found = _findings(_RECORDS_AFTER_QIZHONG.format(total=total, kinds=kinds))
    assert [rule for rule, _ in found] == rules


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # 完成率: the cohort that finished (达小学毕业) over the cohort; an aside in brackets
        # (含残疾1人) between them is no base
        ("15周岁人口数405人(含残疾1人),达小学毕业402人,完成率为99.3%。", False),
        ("15周岁人口数405人(含残疾1人),达小学毕业402人,完成率为69.4%。", True),
        ("17周岁少年儿童总数668人,达初中毕业668人,初中完成率达100%。", False),
        ("17周岁少年儿童总数668人,达初中毕业668人,初中完成率达69%。", True),
    ],
)
def test_validate_structures_a_completion_rate(text: str, flagged: bool) -> None:
    assert bool(_findings(text)) is flagged


@pytest.mark.parametrize(("share", "flagged"), [("32", False), ("49", True)])
def test_validate_structures_an_area_base_named_in_other_words(share: str, flagged: bool) -> None:
    """占学校用地32% names the 学校占地面积 stated in an earlier paragraph (13000 ÷ 40000)."""
    text = (
        "1、学校占地面积40000㎡,生均16.29㎡;校舍建筑面积27650㎡,生均11.26㎡。\n\n"
        f"3、绿化用地:绿化面积13000㎡,占学校用地{share}%,达到省定基本要求。"
    )
    assert bool(_findings(text)) is flagged


@pytest.mark.parametrize(("share", "flagged"), [("1", False), ("8", True)])
def test_validate_structures_a_base_named_as_a_total_without_de(share: str, flagged: bool) -> None:
    """占教职工总数1% names its base like 占教职工总数的1%: the 教职工 stated before (198), not the
    nearest count (专任教师171人, a sibling)."""
    text = (
        "学校在校学生2455人,教职工198人。\n\n全校现有教师198人,其中专任教师171人,占教职工总数86%,"
        f"工勤人员2人,占教职工总数{share}%。"
    )
    assert bool(_findings(text)) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("乡镇小学16所,其中有安全饮用水学校15所,率为94%。", False),
        ("乡镇小学16所,其中有安全饮用水学校15所,率为84%。", True),
        # no 其中: schools that have or meet something, right after a count of schools
        ("初中16所,有安全饮用水学校15所,率为94%。", False),
        ("初中16所,有安全饮用水学校15所,率为64%。", True),
        ("村小14所,满足就餐食堂面积学校4所,率为29%。", False),
        ("村小14所,满足就餐食堂面积学校4所,率为49%。", True),
        # a count of students is no count of schools that meet something: no base read
        ("初中16所,在校学生15人,率为64%。", False),
    ],
)
def test_validate_structures_a_bare_rate_after_a_part(text: str, flagged: bool) -> None:
    """率为94% named by nothing but 率: the rate of the count just before it, over the total its
    其中 opens or the count of schools that its schools that have something are some of."""
    assert bool(_findings(text)) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # 专任教师 and 工勤人员 are some of the staff (the 行政, 教辅 are not named): no sum to meet
        ("全校现有教职工198人,其中专任教师171人,占总数86%,工勤人员2人,占总数1%。", False),
        # …but they may not exceed it
        ("全校现有教职工198人,其中专任教师171人,工勤人员30人。", True),
        # 教师 said of all the staff, the non-teaching staff among its parts: the same
        ("全校现有教师198人,其中专任教师171人,工勤人员2人。", False),
        ("全校现有教师198人,其中专任教师171人,工勤人员30人。", True),
    ],
)
def test_validate_structures_roles_under_the_staff_are_some_of_them(
    text: str, flagged: bool
) -> None:
    assert bool(_findings(text)) is flagged


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (  # the parts on the numbered lines under their total's line
            "2.在校学生数3600人。\n①初中1200人。\n②小学2500人。",
            "2.在校学生数3600人。\n①初中1200人。\n②小学2400人。",
        ),
        (  # grades after the level's own bracket, under 其中
            "初中在校生1200人(公办1000人,民办200人),其中:七年级420人,八年级390人,九年级490人。",
            "初中在校生1200人(公办1000人,民办200人),其中:七年级420人,八年级390人,九年级390人。",
        ),
    ],
)
def test_validate_structures_outline_and_second_breakdowns(wrong: str, right: str) -> None:
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


def test_validate_structures_a_bracket_after_a_unitless_number_is_its_own() -> None:
    text = (
        "初中班级120个(公办100个,民办20个),其中:一年级40个(其中公办30个;民办10个),"
        "二年级38(其中公办32个;民办6个),三年级42个(其中公办38个;民办4个)。"
    )
    assert _findings(text) == []


def test_validate_structures_outline_under_a_line_of_two_counts_need_not_add_up() -> None:
    # the lines below may break down the line's second count (专任教师), not its first
    text = "1.全县有教职工3000人,其中专任教师2800人。\n①小学1500人;\n②初中1300人。"
    assert _findings(text) == []


@pytest.mark.parametrize("opener", ["(", "(其中", ",其中"])
def test_validate_structures_teachers_and_support_staff_are_some_of_the_staff(opener: str) -> None:
    """专任教师 and 工勤人员 are parts of a 教职工 total, in brackets too; the list may leave out
    教辅 or 行政 staff, so only parts above the total are an error."""
    close = ")" if opener.startswith("(") else ""
    short = f"全镇教职工320人{opener}专任教师280人,工勤人员25人{close}。"
    over = f"全镇教职工320人{opener}专任教师280人,工勤人员45人{close}。"
    assert _findings(short) == []
    assert [rule for rule, _ in _findings(over)] == ["sum_mismatch"]
    figures = {f.indicator for f in _extracted(over)}
    assert figures == {"staff", "teachers"}  # the teachers keep their own count


def test_validate_structures_what_money_was_spent_on_is_some_of_it() -> None:
    """用于… after a sum of money lists what it was spent on: those amounts may leave some of it
    out, but cannot exceed it."""
    some = "镇财政共安排资金2.6亿元,主要用于教学楼建设9000万元,运动场改造4000万元。"
    over = "镇财政共安排资金2.6亿元,用于教学楼建设1.9亿元,运动场改造0.8亿元,设备购置0.3亿元。"
    assert _findings(some) == []
    assert [rule for rule, _ in _findings(over)] == ["sum_mismatch"]
    # not a part: what was done with it, in another unit
    assert _findings("投入资金600万元,用于改造校舍4000平方米,新建运动场8000平方米。") == []


def test_validate_structures_a_ratio_said_of_some_schools_is_not_over_the_whole_count() -> None:
    """A ratio in a sentence about a number of schools (两所中心小学…) is of those schools: the
    whole unit's count in another paragraph is not its base; said of the whole unit, it is."""
    counts = "全乡在校生860人,教学班31个。\n"
    some = counts + "(三)装备配置情况:两所中心小学均已配齐功能室,有计算机60台,生机比1:10。"
    whole = counts + "全乡有计算机60台,生机比1:10。"
    assert _findings(some) == []
    assert [rule for rule, _ in _findings(whole)] == ["ratio_mismatch"]
    every = counts + "(三)装备配置情况:全乡5所学校均已配齐功能室,有计算机60台,生机比1:10。"
    assert [rule for rule, _ in _findings(every)] == ["ratio_mismatch"]  # all of its schools


def test_validate_structures_a_second_frame_after_the_semicolon() -> None:
    """After a breakdown by school type ends at ;, 农村/城区 break the same total down again: each
    dimension sums to the total on its own."""
    wrong = "全区现有学校420所,其中,小学350所,初中68所,特殊教育学校2所;农村390所,城区25所。"
    right = "全区现有学校420所,其中,小学350所,初中68所,特殊教育学校2所;农村395所,城区25所。"
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # the standard a per-student value is compared with, after it, is no value of the school's
        ("学校占地面积12400平方米,学生400人,生均31平方米,远高于生均18平方米的合格标准。", []),
        ("学校占地面积12400平方米,学生400人,生均28平方米,远高于生均18平方米的合格标准。",
         ["ratio_mismatch"]),
        # pupils counted with the pre-school class are no divisor of a per-student value
        ("学校占地面积1500平方米,现有8个班(含学前班),共有学生200人。生均占地面积8.1平方米。", []),
        ("学校占地面积1500平方米,现有8个班,共有学生200人。生均占地面积8.1平方米。",
         ["ratio_mismatch"]),
        # an enrolment rate a little above the quotient (children excused from school left out of
        # its base) holds; below it, or far above it, it does not
        ("适龄儿童总数2000人,实际入学1975人,入学率99.2%。", []),
        ("适龄儿童总数2000人,实际入学1975人,入学率97.5%。", ["percent_mismatch"]),
        ("适龄儿童总数2000人,实际入学1775人,入学率99.2%。", ["percent_mismatch"]),
        # a gross rate above 100% is checked as written
        ("全乡13-15周岁人口总数1100人,初中阶段在校学生1452人,毛入学率132%。", []),
    ],
)
def test_validate_structures_bases_and_standards_of_unseen_reports(
    text: str, rules: list[str]
) -> None:
    assert [rule for rule, _ in _findings(text)] == rules


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # 其中 after the staff count breaks down the pupils before it (its first part names them)
        (
            "小学在校生6400人,教职工520人,其中城区两镇小学生5100人,其他乡镇1290人。",
            ["sum_mismatch"],
        ),
        ("小学在校生6390人,教职工520人,其中城区两镇小学生5100人,其他乡镇1290人。", []),
        # …and a 其中 naming the staff's own is theirs
        ("小学在校生6400人,教职工520人,其中专任教师560人。", ["sum_mismatch"]),
        ("小学在校生6400人,教职工520人,其中专任教师500人。", []),
    ],
)
def test_validate_structures_qizhong_across_a_count_of_another_group(
    text: str, rules: list[str]
) -> None:
    assert [rule for rule, _ in _findings(text)] == rules


def test_validate_structures_a_late_qizhong_parts_inherit_the_pupils() -> None:
    """The parts after the staff count are pupils: figures of 在校生 at the total's level."""
    text = "初中在校生4800人,教职工410人,其中城区两镇初中生3500人,其他乡镇1300人。"
    rows = [(f.indicator, f.value, f.level) for f in _extracted(text)]
    assert ("students", 1300.0, "初中") in rows and ("students", 3500.0, "初中") in rows


def test_validate_structures_a_sports_grounds_per_student_area_said_as_activity_area() -> None:
    """生均活动面积 divides the sports ground (运动场面积), not the land named before it."""
    text = (
        "学校占地面积12400平方米,学生400人,生均31平方米。"
        "运动场面积达3600平方米,生均活动面积{}平方米。"
    )
    assert _findings(text.format("9")) == []
    assert [rule for rule, _ in _findings(text.format("11.5"))] == ["ratio_mismatch"]


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # a bare share of a count, over the count and the rest the paragraph counts after it
        ("全省累计已有95个县通过国家认定,占比95%;全省尚有5个县未通过认定。", []),
        ("全省累计已有95个县通过国家认定,占比85%;全省尚有5个县未通过认定。", ["percent_mismatch"]),
        # the rest in the next sentence, a note's number in brackets after the count
        (
            "全国累计1830个县(注:因区划调整减少7个)通过认定,占比85.0%;其中东部600个。"
            "全国尚有6个省份170个县未通过认定。",
            ["percent_mismatch"],
        ),
        # a rest without a negation may be some of the count's own: no base read
        ("全省累计已有95个县通过国家认定,占比85%;全省尚有5个县正在整改。", []),
        # a count of another noun after 尚有 is no rest of the count's
        ("全省累计已有95个县通过国家认定,占比85%;全省尚有5个乡镇未通过认定。", []),
    ],
)
def test_validate_structures_a_share_over_the_count_and_the_rest(
    text: str, rules: list[str]
) -> None:
    assert [rule for rule, _ in _findings(text)] == rules


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # a base in brackets inside the share, whose words name a span of years (五年规划…)
        ("全市已完成设备购置金额8240万元,占五年规划设备购置总金额(10300万元)的80%。", []),
        (
            "全市已完成设备购置金额8240万元,占五年规划设备购置总金额(10300万元)的90%。",
            ["percent_mismatch"],
        ),
    ],
)
def test_validate_structures_a_base_inside_the_share_after_a_span_of_years(
    text: str, rules: list[str]
) -> None:
    assert [rule for rule, _ in _findings(text)] == rules


@pytest.mark.parametrize(
    ("clean", "wrong"),
    [
        (  # a subgroup of a part (少数民族专任教师 of the 专任教师) is no sibling part
            "全县共有教职工3260人,其中专任教师2980人,比上年增长2.1%;"
            "有少数民族专任教师640人,占专任教师总数的21.5%。",
            "全县共有教职工3260人,其中专任教师2980人,工勤人员380人。",
        ),
        (  # counts in 个 of another thing (街道办事处, 村) are no parts of the 乡镇
            "全县辖16个乡镇,其中回民乡镇7个、3个街道办事处和1个工业园区,有226个村、14个城市社区。",
            "全县辖16个乡镇,其中民族乡镇7个、其他乡镇8个。",
        ),
        (  # a share whose named base carries the count's own scope (高校) is not of the whole
            "全区共有少数民族学生58042人,占在校生的52.1%。其中:小学少数民族学生30120人,"
            "初中少数民族学生15230人;高校少数民族学生2739人,占高校在校生的42.71%。",
            "全县共有在校生12000人,其中寄宿生3000人,占在校生的35%。",
        ),
    ],
)
def test_validate_structures_other_subjects_are_no_parts(clean: str, wrong: str) -> None:
    assert _findings(clean) == []
    assert _findings(wrong) != []


def test_validate_structures_two_subgroups_are_siblings() -> None:
    # 男教师 and 女教师 are both subgroups of 教师: parts of it, and they must add up
    assert [r for r, _ in _findings("全镇有教师310人,其中男教师120人,女教师200人。")] == [
        "sum_mismatch"
    ]


def test_validate_structures_extents_are_no_sums() -> None:
    # radii (覆盖半径) are the extent of one thing: a 其中 of them lists no parts
    assert _findings("无线电视覆盖半径25公里,其中广播覆盖半径35公里。") == []
    assert [r for r, _ in _findings("全县公路里程25公里,其中乡村公路35公里。")] == ["sum_mismatch"]


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (  # the total's noun named again as what its parts are counted among (专任教师中…)
            "全校教职工52人,专任教师48人,专任教师中本科学历30人,专科学历16人,中师学历3人。",
            "全校教职工52人,专任教师48人,专任教师中本科学历30人,专科学历16人,中师学历2人。",
        ),
        (  # grade by grade after a total, without 其中 (the noun after each number)
            "全校有15个教学班,初一年级5个班,初二年级5个班,初三年级6个班。",
            "全校有15个教学班,初一年级5个班,初二年级5个班,初三年级5个班。",
        ),
        (  # a frame of school types said after their numbers (共有25所中小学,18所小学…)
            "全县共有25所中小学,18所小学,8所初中。",
            "全县共有25所中小学,18所小学,7所初中。",
        ),
    ],
)
def test_validate_structures_parts_without_qizhong(wrong: str, right: str) -> None:
    assert [rule for rule, _ in _findings(wrong)] == ["sum_mismatch"]
    assert _findings(right) == []


def test_validate_structures_grades_not_said_to_be_all_are_checked_only_above_the_total() -> None:
    # two grades of three, no 共: they need not make the total
    assert _findings("全校有15个教学班,初一年级5个班,初二年级5个班。") == []


def test_validate_structures_a_total_said_by_a_verb_is_named_by_its_noun() -> None:
    doc = read("全校有15个教学班,初一年级5个班,初二年级5个班,初三年级6个班。".encode(), "c.txt",
               DEFAULT_LIMITS)
    (found,) = validate_document(doc, [], [], rules=ARITHMETIC_RULES)
    assert found.message.startswith("教学班：")


def test_validate_structures_a_records_amount_after_a_semicolon_is_no_part() -> None:
    # after the ;, another thing is counted first (项目48个) and its own amount (总投资) follows
    clean = ("争取上级教育项目资金共8.38亿元。其中,项目及经费类资金6.05亿元;"
             "实施教育项目48个,建设面积8.97万平方米,总投资2.85亿元。")
    wrong = "争取上级教育项目资金共8.38亿元。其中,项目资金6.05亿元,经费类资金2.85亿元。"
    assert _findings(clean) == []
    assert [r for r, _ in _findings(wrong)] == ["sum_mismatch"]


def test_validate_structures_a_parts_own_bracketed_parts_are_not_the_totals() -> None:
    # 生活用房1776平方米(包括食堂…,宿舍…): the bracket breaks down that part, not the total
    text = ("校园总建筑面积为8912平方米。其中,教学用房面积{a}平方米,教辅用房面积100平方米,"
            "学生生活用房面积为1776平方米(包括食堂445平方米,学生宿舍面积为913平方米),"
            "教师宿舍面积为3222平方米。")
    assert _findings(text.format(a="3814")) == []
    doc = read(text.format(a="6237").encode(), "c.txt", DEFAULT_LIMITS)
    (found,) = validate_document(doc, [], [], rules=ARITHMETIC_RULES)
    assert found.rule == "sum_mismatch" and found.message.startswith("校园总建筑面积：")


def test_validate_structures_class_size_said_as_students_per_class() -> None:
    # 平均每班学生人数 is the 平均班额 (761/16 = 47.6: 47 as written holds, 68 does not)
    text = "学校有教师37人,学生761人,有教学班16个,平均每班学生人数为{n}人。"
    assert _findings(text.format(n="47")) == []
    assert [r for r, _ in _findings(text.format(n="68"))] == ["ratio_mismatch"]
