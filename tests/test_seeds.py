"""Facts about the five seed pages, each checked by reading the page (seeds/*.txt).

Articles are named by a phrase of their first paragraph; every headline,
byline, caption and credit on each page is asserted explicitly.
"""

from __future__ import annotations

import re

import pytest

from layout.model import Article, PageResult, Role

CJK_GAP = re.compile(
    r"[\u4e00-\u9fff，。、；：？！“”（）《》]\s+[\u4e00-\u9fff0-9]|[0-9]\s+[\u4e00-\u9fff]"
)


def find(result: PageResult, opening: str) -> Article:
    """The article whose first paragraph starts with ``opening`` (or the photo item whose
    first caption does)."""
    hits = [
        a
        for a in result.articles
        if (a.paragraphs and a.paragraphs[0].text.startswith(opening))
        or (not a.paragraphs and a.captions and a.captions[0].text.startswith(opening))
    ]
    assert len(hits) == 1, f"{opening!r}: {len(hits)} articles"
    return hits[0]


def body(article: Article) -> str:
    return "".join(p.text for p in article.paragraphs if p.role is Role.BODY)


# --- re-flow facts -------------------------------------------------------------------


def test_no_space_between_cjk_or_cjk_and_digit_in_any_paragraph(seed_results) -> None:  # type: ignore[no-untyped-def]
    for name, result in seed_results.items():
        for article in result.articles:
            for p in article.paragraphs:
                assert not CJK_GAP.search(p.text), (name, p.text[:40])


@pytest.mark.parametrize(
    ("page", "snippet"),
    [
        ("000", "2月20日，所有市级以上重点项目全部开复工"),  # "2月 20\n日"
        ("000", "连夜打造6500多平方米的超净车间"),  # "6500\n多平方米"
        ("000", "实现投产项目16个。"),  # "16\n个。"
        ("000", "京东福士工业4.0产业园等五大项目"),  # "工业 4.0产业"
        ("001", "加大与人力资源公司合作，在多个人才网站开辟园区招聘专栏"),
        ("001", "强化“互联网+平台”等线上招聘，积极组织企业参加招聘会"),  # letter-spaced
        ("001", "为人民群众生活带来更多红利。"),  # letter-spaced last line
        ("001", "2019年4月，研发测试平台项目已竣工"),  # "2019 年 4 月"
        ("001", "山推5G智能工厂、小松DPF"),
        ("002", "联东U谷引进优质项目20个以上"),  # "联东 U\n谷"
        ("002", "实际利用外资近8.5亿美元，同比增长50%。"),  # letter-spaced
        ("003", "“3-5年综合实力进入全国第一方阵”"),  # hyphen kept
        ("003", "占比逐年提升，达到84.7％，绿化覆盖率达32％以上。"),  # full-width digits kept
        ("004", "为西安高新区战略性新兴产业发展奠定坚实的基础。"),  # cut by a credit
        ("004", "以及建立专人金融服务、专班金融服务的方式"),  # cut by a headline line
        ("004", "盈创动力”平台开辟政策性信贷产品线上绿色申报通道"),
    ],
)
def test_joined_text(seed_results, page: str, snippet: str) -> None:  # type: ignore[no-untyped-def]
    texts = [p.text for a in seed_results[page].articles for p in a.paragraphs]
    assert any(snippet in t for t in texts)


@pytest.mark.parametrize(
    ("page", "first", "last", "lines"),
    [
        ("000", "作为山东省2个复工复产典型之一", "集群招商经验被山东省推广。", (2, 14)),
        ("000", "面对今年突遇而来的疫情", "各项工作都走在了威海市前列。", (36, 40)),
        ("001", "百日攻坚行动开展以来", "为完成全年任务目标努力奋战。", (1, 21)),
        ("001", "此外，珠海高新区通过科学防治", "三是全力支持，做到“物资足”。", (669, 677)),
        ("002", "2021年珠海高新区将发挥", "围绕以下几个方面做好工作：", (577, 585)),
        ("003", "“接下来，我们将进一步发挥好", "嘉兴秀洲高新区相关负责人表示。", (468, 478)),
        (
            "003",
            "发挥科技龙头辐射带动作用。",
            "海创光电产值比增均超100%，位列全市第一。",
            (644, 656),
        ),
        ("004", "“我们将力争通过促进", "成都高新区财政金融局相关负责人介绍。", (69, 73)),
    ],
)
def test_paragraph_boundaries(seed_results, page, first, last, lines) -> None:  # type: ignore[no-untyped-def]
    paras = [p for a in seed_results[page].articles for p in a.paragraphs]
    (para,) = [p for p in paras if p.text.startswith(first)]
    assert para.text.endswith(last)
    assert (para.lines[0], para.lines[-1]) == lines


# --- article structure -----------------------------------------------------------------
# Per page: (first words of the article, headline lines, bylines, captions and credits).
# A photo item (a caption with no article) is listed by its caption's first words.

PAGES = {
    "000": [
        (
            "作为山东省2个复工复产典型之一",
            ["上半年经济逆势增长 新旧动能转换再提速", "威海高新区高质量发展交亮丽答卷"],
            ["▶ 丰淑秀 鞠慧亮 夏树刚"],
            [],
        ),
        (
            "本报讯在6月30日举行的第二届儒商大会",
            ["发力“新基建”", "济南高新区签约五大项目"],
            ["王健 田珊"],
            [],
        ),
        (
            "本报讯（记者戈清平）近日从益阳",
            ["益阳高新区14家企业", "获政策奖励金4300.54万元"],
            [],
            [],
        ),
        (
            "本报讯6月29日，兰州高新区创业服务中心",
            ["兰州高新区：以党建带动扶贫“多点开花”"],
            ["李毓"],
            [],
        ),
        ("本报讯6月30日，南通高新区", ["南通高新区：“党旗领航”赋能高质量发展"], ["任佳倩"], []),
        (
            "本报讯6月28日，全球领先的",
            ["SAS广州数字生态创新中心", "在广州高新区开业"],
            ["黄嘉庆 陈炳鑫"],
            [],
        ),
    ],
    "001": [
        ("百日攻坚行动开展以来", ["济宁高新区掀起攻坚突破新热潮"], [], []),
        (
            "本报讯从郴州高新区管委会获悉",
            ["郴州高新区务实举措稳就业"],
            ["黄鹏飞 曾凯然 戈清平"],
            [],
        ),
        ("本报讯（记者叶伟）日前", ["重庆市高新区", "协同创新战略联盟成立"], [], []),
        (
            "本报讯6月4日，由兰州高新区",
            ["兰州高新区“两新”组织与支部", "联合开展脱贫攻坚主题党日活动"],
            ["张娅利"],
            [
                "兰州高新区“两新”组织党委书记刘怀信（左一）查看合作社航天蔬菜实验种植基地。",
                "图片来源：兰州高新区",
            ],
        ),
        (
            "本报讯近日，西安市2020年二季度",
            ["总投资166亿元 西安高新区7个“新基建”项目集中开工"],
            ["张静攀"],
            ["图片来源：西安高新区"],
        ),
        (
            "本报讯近日，在珠海市重点产业",
            ["工业投资增40.7% 珠海高新区奋力夺取抗疫与发展“双胜利”"],
            ["宋显晖"],
            [],
        ),
    ],
    "002": [
        ("“2021年，潍坊高新区将坚持", [], [], []),  # no headline for it on this page
        (
            "近日，中国（无锡）跨境电商",
            [],
            [],
            ["近日，中国（无锡）跨境电商综试区展示中心", "图片来源：无锡高新区"],
        ),
        (
            "本报讯日前，为加快推进重点项目建设",
            ["中国（黑龙江）自贸区哈尔滨片区", "启动重点项目审批“百日会战”"],
            ["龙江"],
            ["工作人员正在加紧项目审批"],
        ),
        (
            "本报讯近日，总投资达277亿元",
            ["加强创新链和产业链对接", "成都高新区签约14个项目"],
            ["高欣"],
            [],
        ),
        (
            "“十三五”期间，珠海高新区围绕",
            ["聚焦“三大”围绕“三新”着眼“三型”", "珠海高新区打造比肩深圳湾的科技创新湾"],
            [],
            [],
        ),
        # ▶ 娄筱筱 sits right under this article's headline in the extracted order; the
        # page alone cannot tell whether it is this article's or the first one's.
        (
            "本报讯近日，总投资8亿美元",
            ["总投资8亿美元", "前晨汽车落户江阴高新区"],
            ["▶ 娄筱筱", "潘逸青 薛琳"],
            [],
        ),
    ],
    "003": [
        (
            "今年，济宁高新区以供给侧结构性",
            ["追“高”逐“新” 聚焦新旧动能转换", "济宁高新区高质量发展实现新跨越"],
            ["▶ 曹俐"],
            [],
        ),
        (
            "9月8日，中国（安徽）自由贸易试验区",
            [],
            [],
            ["9月8日，中国（安徽）自由贸易试验区", "图片来源：合肥高新区"],
        ),
        (
            "本报讯（特约通讯员李雯文）",
            ["贵阳高新区：打造“红色引擎”", "促进非公企业健康发展"],
            ["李雯文"],
            [],
        ),
        ("本报讯（特约通讯员马燕琴）", ["嘉兴秀洲高新区：", "擦亮光伏产业链党建“金名片”"], [], []),
        ("9月7日，安康高新区工商联", [], [], ["9月7日，安康高新区工商联", "图片来源：安康高新区"]),
        ("本报讯常德高新区在积极建设", ["常德高新区生态发展激发“绿色动能”"], ["唐启万 向波"], []),
        (
            "日前，中国（福建）知识产权保护中心",
            ["110条惠企政策、掀起攻坚120天行动热潮", "福州高新区高质量发展动能澎湃"],
            ["▶ 徐文宇 洪见文 汪炜娜 陈天然"],
            [],
        ),
    ],
    "004": [
        (
            "从5月19日德阳高新区",
            ["防疫复工两不误 抢抓机遇谋跨越", "德阳高新区积蓄高质量发展新动能"],
            ["► 梅忠 冉放"],
            [],
        ),
        (
            "协同创新能力迈上新台阶。",
            ["西安高新区:以大产业引领高质量发展"],
            ["► 杨坤"],
            ["图片来源:西安高新区"],
        ),
        ("为持续深化金融服务", ["成都高新区加强金融服务", "力促中小微企业稳产满产"], ["高欣"], []),
        ("本报讯近日,昆山高新区", ["昆山高新区 全产业链保税模式改革加速"], [], []),
        (
            "本报讯为应对新冠肺炎疫情影响",
            ["郴州高新区跑出产业链招商新速度"],
            ["刘志阳 黄鹏飞 曾凯然"],
            [],
        ),
        (
            "本报讯(记者李争粉) 5月27日",
            ["全国最大IDC数据机房 落户天津滨海高新区"],
            [],
            ["图片来源:天津滨海高新区"],
        ),
    ],
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_articles_in_reading_order(seed_results, page: str) -> None:  # type: ignore[no-untyped-def]
    result = seed_results[page]
    expected = [opening for opening, *_ in PAGES[page]]
    assert [find(result, o).id for o in expected] == [a.id for a in result.articles]


@pytest.mark.parametrize(("page", "entry"), [(p, e) for p in sorted(PAGES) for e in PAGES[p]])
def test_headline_byline_and_captions_of_each_article(seed_results, page, entry) -> None:  # type: ignore[no-untyped-def]
    opening, headline, bylines, captions = entry
    article = find(seed_results[page], opening)
    assert article.headline == headline
    assert article.bylines == bylines
    assert len(article.captions) == len(captions)
    for got, want in zip(article.captions, captions, strict=True):
        assert got.text.startswith(want)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_nothing_left_unassigned(seed_results, page: str) -> None:  # type: ignore[no-untyped-def]
    assert seed_results[page].unassigned == []


@pytest.mark.parametrize(
    ("page", "opening", "subheads"),
    [
        (
            "000",
            "作为山东省2个复工复产典型之一",
            [
                "经济运行突出一个“稳”字",
                "复工复产体现一个“早”字",
                "产业转型体现一个“抢”字",
                "双招双引突出一个“拼”字",
                "项目建设突出一个“快”字",
            ],
        ),
        (
            "001",
            "百日攻坚行动开展以来",
            ["打造四大主导产业“新地标”", "引领产业转型升级“新靶向”", "全力推进蓼河新城建设"],
        ),
        (
            "002",
            "“2021年，潍坊高新区将坚持",
            [
                "坚持发展高新技术产业",
                "全面提升核心竞争力",
                "攻坚七大重点任务",
                "加快推动高质量发展",
                "坚持从严治党",
                "干在实处、走在前列",
            ],
        ),
        (
            "003",
            "今年，济宁高新区以供给侧结构性",
            ["推动产业升级", "培育壮大新动能", "创新驱动发展", "加快动能转换步伐"],
        ),
        (
            "003",
            "日前，中国（福建）知识产权保护中心",
            [
                "全方位服务",
                "培育高精尖企业",
                "110条惠企政策",
                "推动高质量发展",
                "推进重点项目建设",
                "培育新经济增长点",
            ],
        ),
        (
            "004",
            "从5月19日德阳高新区",
            ["化“危”为“机”推动企业转型升级", "扬“长”补“短”积蓄发展新动能"],
        ),
    ],
)
def test_subheads(seed_results, page, opening, subheads) -> None:  # type: ignore[no-untyped-def]
    article = find(seed_results[page], opening)
    assert [p.text for p in article.paragraphs if p.role is Role.SUBHEAD] == subheads


def test_dateline_opening_stays_in_first_paragraph(seed_results) -> None:  # type: ignore[no-untyped-def]
    article = find(seed_results["000"], "本报讯（记者戈清平）近日从益阳")
    assert article.paragraphs[0].lines[0] == 330
