"""Author the bundled demo workspace 示例旗 (``resources/demo/示例旗.json``).

The JSON is what ships; :mod:`sydw_desktop.demo` reads only the JSON. This script holds the data in a
form that is easier to write and check by hand (before-units carry their duties by index into the
三定 of their 去向单位, boilerplate paragraphs are composed from each unit's facts), computes the
统一社会信用代码 check characters (GB 11714 and GB 32100), checks the plan's own arithmetic and writes
the file in the codec's format.

Run: ``.venv/bin/python scripts/make_demo_data.py`` (``--check`` only verifies that the file on disk
is what the script would write).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sydw_desktop.codec import to_data  # noqa: E402
from sydw_desktop.model import (  # noqa: E402
    Charter,
    Jurisdiction,
    Organ,
    PlanData,
    Quanxian,
    QuanxianItem,
    ReviewComment,
    Round,
    Sanding,
    TransferLine,
    Unit,
)
from sydw_desktop.vocab import (  # noqa: E402
    FUNDING_SOURCE_HINT,
    Affiliation,
    Category,
    Disposition,
    ExerciseMode,
    Funding,
    LeadershipSystem,
    Level,
    PartyOrg,
    Phase,
    Placement,
    QuanxianCategory,
    QuanxianSubject,
    RoundDirection,
    SandingForm,
    ServiceTarget,
    Spec,
    StaffStructure,
    WorkflowStep,
)

OUT = ROOT / "resources" / "demo" / "示例旗.json"
FLAWED_OUT = ROOT / "resources" / "demo" / "flawed.json"
REGION = "示例旗"
REGION_CODE = "159901"
REGISTRAR = "示例旗事业单位登记管理局"
APPROVER = "中共示例旗委员会机构编制委员会"  # the 编委: one name in every document (setting doc.committee)
OFFICE = f"{APPROVER}办公室"  # the 编办 (setting doc.office)

# --- 统一社会信用代码 (rules.md §A) -----------------------------------------------------------------

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation-code body."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def uscc_check(first17: str) -> str:
    """GB 32100 check character of the first 17 characters."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def make_uscc(body: str) -> str:
    assert len(body) == 8 and all(c in USCC_CHARS for c in body), body
    first17 = "12" + REGION_CODE + body + org_check(body)
    return first17 + uscc_check(first17)


# Self-test against the vectors of rules.md.
assert uscc_check("91350100M000100Y4") == "3"
assert org_check("M000100Y") == "4"
assert uscc_check("12150000460000001") == "1"
assert uscc_check("12150000460000191") == "0"


# --- departments ----------------------------------------------------------------------------------

XCB = "示例旗委宣传部"
WB = "示例旗委办公室"
ZFB = "示例旗人民政府办公室"
FGW = "示例旗发展和改革委员会"
NM = "示例旗农牧局"
LC = "示例旗林业和草原局"
SL = "示例旗水利局"
ZR = "示例旗自然资源局"
ZJ = "示例旗住房和城乡建设局"
JT = "示例旗交通运输局"
JY = "示例旗教育局"
WJ = "示例旗卫生健康委员会"
WL = "示例旗文化旅游体育局"
RS = "示例旗人力资源和社会保障局"
MZ = "示例旗民政局"
TY = "示例旗退役军人事务局"
SJ = "示例旗市场监督管理局"
TJ = "示例旗统计局"
YJ = "示例旗应急管理局"
YB = "示例旗医疗保障局"


def short(dept: str) -> str:
    """示例旗农牧局 → 旗农牧局 (the way a 三定 refers to its department)."""
    return dept.replace(REGION, "旗", 1)


GU, FK, ZK = Spec.GU, Spec.FU_KE, Spec.ZHENG_KE
P1, P2, ADM, BIZ = Category.PUBLIC_1, Category.PUBLIC_2, Category.ADMIN, Category.BUSINESS
FULL, PART, SELF = Funding.FULL, Funding.PARTIAL, Funding.SELF
SUPPORT, PUBLIC = ServiceTarget.ORGAN_SUPPORT, ServiceTarget.PUBLIC
BRANCH, GENERAL, COMMITTEE, JOINT = PartyOrg.BRANCH, PartyOrg.GENERAL_BRANCH, PartyOrg.COMMITTEE, PartyOrg.JOINT_BRANCH

# --- units after the reform, with their 三定 and 章程 content ------------------------------------
# organs: (name, staffing, duties); titles: (正职, 副职); scope: 业务范围; purpose: 宗旨.

AFTER: list[dict[str, Any]] = [
    dict(
        name="示例旗融媒体中心", dept=XCB, spec=ZK, cat=P1, fund=FULL, staffing=45, deputies=2,
        party=BRANCH, members=19, affiliation=Affiliation.PARTY_COMMITTEE, form=SandingForm.NOTICE,
        titles=("主任", "副主任"), legal_rep="赵喆", address="示例旗巴彦镇文化路8号", capital=180.0,
        overstaff_deadline="2028-12-31",
        domain_note="按照中央关于县级融媒体中心建设的部署，整合原广播电视、新闻宣传力量组建，"
        "不再另设报刊传媒类事业单位。",
        domain="新闻宣传和网络宣传",
        duties=[
            "贯彻落实党的路线方针政策和旗委关于宣传思想工作的部署要求，坚持正确政治方向、舆论导向和价值取向。",
            "负责全旗重要新闻的采访、编辑和发布，承担广播、电视、网站、客户端等媒体平台的内容生产和传播工作。",
            "负责广播电视节目的制作、播出和传输覆盖，保障安全优质播出。",
            "负责蒙古语、汉语两种语言新闻节目的采编播工作，做好民族语言文字宣传。",
            "负责“示例旗发布”等政务新媒体平台的运行维护和网络宣传工作。",
            "承担全旗重大活动、突发事件的新闻报道和舆情信息收集报送工作。",
            "负责全旗应急广播体系和广播电视公共服务设施的运行维护工作。",
            "承担党务政务信息发布和苏木乡镇、嘎查村信息服务等综合服务工作。",
            "完成旗委宣传部交办的其他任务。",
        ],
        organs=[
            ("综合部", 8, "负责文电、会务、机要、档案、财务、人事、安全保卫等日常运转工作；承担党建和意识形态工作的具体事务。"),
            ("新闻采访部", 9, "负责全旗重要会议、活动和重大主题的新闻采访工作，承担新闻线索的收集和报道策划。"),
            ("编辑制作部", 9, "负责稿件编辑、节目制作和栏目的策划编排工作，承担新媒体产品的制作发布。"),
            ("蒙古语新闻部", 8, "负责蒙古语新闻节目的采访、翻译、编辑和播出工作。"),
            ("技术播出部", 8, "负责节目信号的播出、传输和设备维护，承担新媒体平台技术保障和网络安全工作。"),
        ],
        purpose="坚持正确舆论导向，整合广播电视和新媒体资源，为全旗经济社会发展提供新闻宣传、应急广播和信息服务。",
        scope=["新闻采访、编辑和发布", "广播电视节目制作、播出和传输覆盖", "蒙古语、汉语新闻宣传",
               "政务新媒体平台运行维护", "应急广播体系运行维护", "舆情信息收集报送"],
        pilot=True,
    ),
    dict(
        name="示例旗档案史志馆", dept=WB, spec=GU, cat=P1, fund=FULL, staffing=14, deputies=1,
        party=BRANCH, members=6, titles=("馆长", "副馆长"), legal_rep="王淑珍",
        address="示例旗巴彦镇团结路16号", capital=60.0, domain="档案和地方志工作",
        duties=[
            "负责全旗党政机关、团体、企事业单位档案的接收、征集、整理、保管和利用工作。",
            "负责馆藏档案的数字化建设和档案安全保护工作。",
            "负责档案资料的开放鉴定和提供利用，开展档案编研和宣传教育工作。",
            "承担全旗地方志、年鉴的编纂、出版和管理工作。",
            "负责地方史料的收集、整理和研究，开展党史资料征集和地情研究工作。",
            "承担地方志资源开发利用和方志馆的日常管理工作。",
            "完成旗委办公室交办的其他任务。",
        ],
        purpose="集中统一保管和利用全旗档案史料，编纂地方志书和年鉴，为存史、资政、育人提供服务。",
        scope=["档案接收、征集、整理和保管", "档案数字化和安全保护", "档案开放利用和编研",
               "地方志、年鉴编纂", "地方史料收集和研究"],
    ),
    dict(
        name="示例旗机关事务服务中心", dept=ZFB, spec=GU, cat=P1, fund=FULL, staffing=20, deputies=2,
        service=SUPPORT, party=BRANCH, members=9, titles=("主任", "副主任"), legal_rep="高振宇",
        address="示例旗巴彦镇人民路1号", capital=50.0, previous_capital=48.0,
        structure=(4, 6, 10), domain="机关事务管理",
        domain_note="按照中央关于机关后勤服务领域改革的部署，本中心只承担旗直机关办公用房、公务用车等"
        "保障性事务，不从事经营活动；原机关第二招待所已撤销。",
        duties=[
            "承担旗直党政机关办公用房的维修、管理和调配的具体工作。",
            "承担旗直机关公务用车平台的运行调度和车辆维护管理工作。",
            "承担旗直机关集中办公区的安全保卫、环境卫生和物业管理等服务保障工作。",
            "承担旗直机关公共机构节能的具体事务性工作。",
            "承担旗委、旗政府重要会议和公务活动的后勤服务保障工作。",
            "承担旗直机关职工食堂的管理服务工作。",
            "完成旗人民政府办公室交办的其他任务。",
        ],
        purpose="为旗直党政机关提供办公用房、公务用车、会议和机关事务保障服务。",
        scope=["办公用房维修管理和调配", "公务用车平台运行调度", "集中办公区物业管理",
               "公共机构节能事务", "重要会议后勤服务保障", "职工食堂管理服务"],
    ),
    dict(
        name="示例旗公共资源交易中心", dept=ZFB, spec=GU, cat=P1, fund=FULL, staffing=11, deputies=1,
        party=BRANCH, members=5, paizi=["示例旗政府采购中心"], titles=("主任", "副主任"),
        legal_rep="李海峰", address="示例旗巴彦镇迎宾大街28号", capital=30.0, previous_capital=30.0,
        domain="公共资源交易",
        domain_note="按照国办发〔2015〕63号整合建立统一的公共资源交易平台的要求，全旗只保留本中心一个"
        "公共资源交易机构，加挂示例旗政府采购中心牌子，原分散设立的交易场所已整合。",
        duties=[
            "承担全旗工程建设项目招标投标、政府采购、土地使用权和矿业权出让、国有产权交易等公共资源交易的场所服务工作。",
            "负责公共资源交易电子服务平台的建设、运行和维护，推进全流程电子化交易。",
            "负责交易项目的进场登记、场地安排、信息发布和交易现场服务工作。",
            "负责评标评审专家抽取、交易档案资料的收集整理和归档工作。",
            "承担旗本级政府集中采购目录内项目的组织实施工作。",
            "配合有关行政监督部门做好交易活动的现场见证和交易统计分析工作。",
            "完成旗人民政府办公室交办的其他任务。",
        ],
        purpose="为全旗公共资源交易和政府集中采购活动提供公开、公平、公正的场所和平台服务。",
        scope=["公共资源交易场所服务", "交易电子服务平台运行维护", "交易项目进场登记和信息发布",
               "评标评审专家抽取和交易档案管理", "政府集中采购组织实施"],
    ),
    dict(
        name="示例旗政务服务中心", dept=ZFB, spec=GU, cat=P1, fund=FULL, staffing=26, deputies=2,
        party=BRANCH, members=11, titles=("主任", "副主任"), legal_rep="苏日娜",
        address="示例旗巴彦镇迎宾大街26号", capital=45.0, previous_capital=30.0, domain="政务服务",
        duties=[
            "承担全旗政务服务大厅的运行管理，为企业和群众提供“一站式”办事服务。",
            "承担政务服务事项进驻、窗口设置和“一窗受理、集成服务”的具体组织工作。",
            "负责全旗一体化政务服务平台的运行维护和推广应用工作。",
            "承担苏木乡镇便民服务中心和嘎查村便民服务站的业务指导工作。",
            "负责12345政务服务便民热线的受理、转办、督办、回访和办结工作。",
            "负责热线诉求的汇总分析，定期报送社情民意信息。",
            "完成旗人民政府办公室交办的其他任务。",
        ],
        purpose="为企业和群众提供便捷高效的政务服务和便民热线服务。",
        scope=["政务服务大厅运行管理", "政务服务事项进驻和窗口服务", "一体化政务服务平台运行维护",
               "基层便民服务业务指导", "12345政务服务便民热线服务"],
    ),
    dict(
        name="示例旗农牧业技术推广中心", dept=NM, spec=FK, cat=P1, fund=FULL, staffing=44, deputies=2,
        party=BRANCH, members=19, titles=("主任", "副主任"), legal_rep="巴特尔",
        address="示例旗巴彦镇草原路56号", capital=120.0, domain="农牧业技术推广",
        duties=[
            "负责全旗农牧业新技术、新品种的引进、试验、示范和推广工作。",
            "承担种植业技术推广、耕地质量监测和土壤肥料技术服务工作。",
            "承担农作物病虫害监测预报和绿色防控技术推广工作。",
            "负责畜禽品种改良、饲草料生产加工和标准化养殖技术的推广工作。",
            "承担草原畜牧业生产技术指导和牧区畜牧业社会化服务工作。",
            "承担农作物良种繁育、种子质量跟踪和良种推广的技术服务工作。",
            "负责农牧业机械化新技术、新机具的试验示范和推广，开展农机安全技术服务。",
            "负责基层农牧业技术推广人员和高素质农牧民的技术指导服务工作。",
            "完成旗农牧局交办的其他任务。",
        ],
        organs=[
            ("综合股", 8, "负责文电、会务、档案、财务、人事、安全保密等日常运转工作，承担党建和综合协调工作。"),
            ("种植业技术推广股", 13, "负责种植业新技术推广、耕地质量监测、病虫害监测预报和种子技术服务工作。"),
            ("畜牧技术推广股", 12, "负责畜禽改良、饲草料和标准化养殖技术推广及牧区社会化服务工作。"),
            ("农牧业机械化技术股", 8, "负责农牧业机械化新技术、新机具的试验示范推广和农机安全技术服务工作。"),
        ],
        purpose="推广农牧业先进适用技术，为全旗农牧业生产和农牧民增收提供公益性技术服务。",
        scope=["农牧业新技术、新品种引进试验示范推广", "种植业技术推广和耕地质量监测",
               "畜禽品种改良和标准化养殖技术推广", "良种繁育和种子技术服务", "农牧业机械化技术推广"],
        pilot=True,
    ),
    dict(
        name="示例旗动物疫病预防控制中心", dept=NM, spec=GU, cat=P1, fund=FULL, staffing=16, deputies=1,
        party=BRANCH, members=7, titles=("主任", "副主任"), legal_rep="其木格",
        address="示例旗巴彦镇草原路58号", capital=40.0, previous_capital=40.0, domain="动物防疫",
        duties=[
            "负责全旗动物疫病的监测、诊断、流行病学调查和疫情报告工作。",
            "承担重大动物疫病强制免疫的技术指导和免疫效果评价工作。",
            "承担动物疫病实验室诊断和病原学、血清学监测工作。",
            "负责动物疫情应急处置的技术支撑和应急物资储备管理工作。",
            "承担人畜共患病防治和兽医卫生技术服务工作。",
            "承担兽药、疫苗使用的技术指导和基层动物防疫人员的业务指导工作。",
            "完成旗农牧局交办的其他任务。",
        ],
        purpose="预防、控制和扑灭动物疫病和人畜共患病，提供动物防疫技术服务，保障畜牧业生产安全和公共卫生安全。",
        scope=["动物疫病监测、诊断和流行病学调查", "重大动物疫病免疫技术指导", "动物疫情应急处置技术支撑",
               "人畜共患病防治技术服务", "基层动物防疫业务指导"],
    ),
    dict(
        name="示例旗林业和草原工作站", dept=LC, spec=GU, cat=P1, fund=FULL, staffing=27, deputies=2,
        party=BRANCH, members=11, titles=("站长", "副站长"), legal_rep="额尔敦",
        address="示例旗巴彦镇林苑街9号", capital=80.0, domain="林业和草原保护发展",
        duties=[
            "负责全旗草原资源与生态监测、草原生产力评价和草畜平衡核定的技术支撑工作。",
            "承担草原保护修复、退化草原治理和人工种草的技术指导工作。",
            "承担林木良种推广、造林绿化和森林抚育的技术指导与服务工作。",
            "承担林业和草原生态保护修复工程的技术服务和检查验收工作。",
            "负责防沙治沙技术的试验示范和推广，承担沙化土地监测工作。",
            "承担基层林草技术人员业务指导和林草科技推广工作。",
            "完成旗林业和草原局交办的其他任务。",
        ],
        purpose="为全旗林草资源保护、生态修复和防沙治沙提供技术支撑和公益服务。",
        scope=["草原资源与生态监测", "草原保护修复技术指导", "造林绿化和森林抚育技术服务",
               "防沙治沙技术推广和沙化土地监测", "林草科技推广"],
    ),
    dict(
        name="示例旗林业有害生物防治检疫站", dept=LC, spec=GU, cat=P1, fund=FULL, staffing=7, deputies=1,
        party=BRANCH, members=3, titles=("站长", "副站长"), legal_rep="韩瑞峰",
        address="示例旗巴彦镇林苑街11号", capital=20.0, previous_capital=20.0, domain="林草有害生物防治",
        duties=[
            "负责全旗林业和草原有害生物的监测、调查和预测预报工作。",
            "承担林草有害生物防治的技术指导和防治效果评估工作。",
            "承担林业植物及其产品产地检疫的技术性工作。",
            "负责林草有害生物防治药剂药械的储备和管理工作。",
            "开展林草有害生物防治知识的宣传普及工作。",
            "完成旗林业和草原局交办的其他任务。",
        ],
        purpose="预防和控制林草有害生物的发生和蔓延，做好林业植物检疫和防治保障，保护全旗林草资源安全。",
        scope=["林草有害生物监测和预测预报", "林草有害生物防治技术指导", "林业植物产地检疫技术工作",
               "防治药剂药械储备管理"],
    ),
    dict(
        name="示例旗水利事业发展中心", dept=SL, spec=GU, cat=P1, fund=FULL, staffing=16, deputies=1,
        party=BRANCH, members=7, titles=("主任", "副主任"), legal_rep="田立新",
        address="示例旗巴彦镇水利路3号", capital=60.0, domain="水利",
        duties=[
            "承担全旗水土流失监测、预防和综合治理的技术服务工作。",
            "承担水土保持生态建设工程的技术指导和项目实施的具体工作。",
            "承担全旗农村牧区饮水安全工程的运行管护技术指导工作。",
            "承担水利工程建设项目的技术服务和质量跟踪工作。",
            "承担水资源调查评价、地下水监测和节约用水的技术支撑工作。",
            "承担小型水库、淤地坝等水利设施运行管理的业务指导工作。",
            "完成旗水利局交办的其他任务。",
        ],
        purpose="为全旗水土保持、农村牧区供水和水资源节约保护提供技术支撑和公益服务。",
        scope=["水土流失监测和综合治理技术服务", "农村牧区饮水安全工程运行管护技术指导",
               "水利工程建设技术服务", "水资源调查评价和地下水监测"],
    ),
    dict(
        name="示例旗哈达水库管理所", dept=SL, spec=GU, cat=P2, fund=PART, staffing=10, deputies=1,
        party=BRANCH, members=4, titles=("所长", "副所长"), legal_rep="孟和",
        address="示例旗哈达苏木哈达嘎查水库路1号", capital=120.0, previous_capital=120.0,
        domain="水库运行管理",
        duties=[
            "负责哈达水库大坝、溢洪道、输水洞等工程设施的日常管理、维护和安全运行工作。",
            "承担水库雨水情监测、调度运用和防汛值守的具体工作。",
            "负责水库大坝安全监测和工程观测资料的整编分析工作。",
            "负责水库管理范围内的巡查看护和水环境保护工作。",
            "承担水库灌区供水的调度和计量工作。",
            "完成旗水利局交办的其他任务。",
        ],
        purpose="保障哈达水库工程安全运行和科学调度，发挥防洪、灌溉和供水效益。",
        scope=["水库工程设施管理维护", "雨水情监测和调度运用", "大坝安全监测", "灌区供水调度和计量"],
    ),
    dict(
        name="示例旗防汛抗旱服务中心", dept=YJ, spec=GU, cat=P1, fund=FULL, staffing=7, deputies=1,
        party=BRANCH, members=3, titles=("主任", "副主任"), legal_rep="包金山",
        address="示例旗巴彦镇和平街22号", capital=25.0, previous_capital=25.0, domain="防汛抗旱",
        transferred_from=SL,
        duties=[
            "承担全旗防汛抗旱指挥部办公室的日常事务性工作。",
            "承担汛情、旱情的信息收集、分析和报送工作，为防汛抗旱决策提供技术支撑。",
            "负责防汛抗旱物资的储备、调运和管理工作。",
            "承担防汛抗旱应急预案编制修订和应急演练的具体工作。",
            "承担防汛抗旱抢险队伍建设的服务保障工作。",
            "完成旗应急管理局交办的其他任务。",
        ],
        purpose="为全旗防汛抗旱指挥决策、汛情旱情研判和应急抢险救灾提供服务保障。",
        scope=["防汛抗旱指挥部日常事务", "汛情旱情收集分析报送", "防汛抗旱物资储备调运", "应急预案编制和演练"],
    ),
    dict(
        name="示例旗不动产登记中心", dept=ZR, spec=GU, cat=P1, fund=FULL, staffing=15, deputies=1,
        party=BRANCH, members=6, titles=("主任", "副主任"), legal_rep="吴海燕",
        address="示例旗巴彦镇迎宾大街30号", capital=35.0, previous_capital=35.0, domain="不动产登记",
        legal_basis="《不动产登记暂行条例》第六条、第七条；《不动产登记暂行条例实施细则》第三条",
        duties=[
            "受示例旗自然资源局委托，承担全旗不动产登记申请的受理、审核、登簿和发证等事务性工作。",
            "负责不动产登记簿的保管和不动产登记资料的查询、复制服务工作。",
            "承担不动产登记信息管理基础平台的运行维护和登记成果汇交工作。",
            "承担不动产权籍调查成果的审查和权籍数据库的更新维护工作。",
            "负责“一窗受理、并联办理”的不动产登记便民服务工作。",
            "完成旗自然资源局交办的其他任务。",
        ],
        purpose="依法做好不动产登记和权籍调查的事务性工作，保护不动产权利人的合法权益。",
        scope=["不动产登记受理、审核、登簿和发证", "不动产登记资料查询服务", "登记信息平台运行维护",
               "权籍调查成果审查"],
    ),
    dict(
        name="示例旗自然资源事务服务中心", dept=ZR, spec=GU, cat=P1, fund=FULL, staffing=14, deputies=1,
        service=SUPPORT, party=BRANCH, members=6, titles=("主任", "副主任"), legal_rep="郝晓东",
        address="示例旗巴彦镇建设街45号", capital=40.0, domain="自然资源管理",
        duties=[
            "承担全旗土地收购、储备、前期开发和供应前期的具体事务性工作。",
            "承担储备土地的管护和临时利用工作。",
            "承担国土空间规划编制的基础调查和技术支撑工作。",
            "承担全旗国土调查、地籍测绘和地理空间成果的更新维护工作。",
            "承担耕地保护、土地整治项目的技术服务工作。",
            "承担矿产资源和地质环境调查监测的技术支撑工作。",
            "完成旗自然资源局交办的其他任务。",
        ],
        purpose="为全旗土地储备、自然资源管理和国土空间规划提供事务性和技术性支撑。",
        scope=["土地收购储备事务", "储备土地管护", "国土空间规划基础调查", "国土调查和地籍测绘",
               "土地整治技术服务"],
    ),
    dict(
        name="示例旗城乡建设服务中心", dept=ZJ, spec=FK, cat=P1, fund=FULL, staffing=38, deputies=2,
        party=BRANCH, members=16, titles=("主任", "副主任"), legal_rep="陈志刚",
        address="示例旗巴彦镇建设街18号", capital=90.0, domain="城乡建设和市政公用事业",
        duties=[
            "承担城镇市政道路、桥涵、排水、路灯等市政基础设施的养护和运行管理工作。",
            "承担城镇供热、供水、燃气等市政公用事业的服务保障和技术指导工作。",
            "负责城区公园、广场、道路绿化的建设养护和园林绿化技术服务工作。",
            "负责城区环境卫生的清扫保洁、垃圾收运和公共厕所的管理维护工作。",
            "承担生活垃圾无害化处理设施的运行管理工作。",
            "承担保障性住房和房屋维修资金管理的事务性工作。",
            "承担城乡建设档案的收集、整理和利用工作。",
            "完成旗住房和城乡建设局交办的其他任务。",
        ],
        organs=[
            ("综合股", 11, "负责文电、会务、档案、财务、人事等日常运转工作，承担保障性住房和房屋维修资金管理事务。"),
            ("市政设施股", 12, "负责市政道路、桥涵、排水、路灯等设施的养护管理和市政公用事业服务保障工作。"),
            ("园林环卫股", 12, "负责城区园林绿化养护、环境卫生保洁和垃圾收运处理设施的运行管理工作。"),
        ],
        purpose="保障城镇市政基础设施、园林绿化和环境卫生的正常运行，改善城乡人居环境。",
        scope=["市政基础设施养护和运行管理", "市政公用事业服务保障", "园林绿化建设养护",
               "环境卫生清扫保洁和垃圾收运", "保障性住房和房屋维修资金管理事务"],
    ),
    dict(
        name="示例旗交通运输事业发展中心", dept=JT, spec=FK, cat=P2, fund=PART, staffing=36, deputies=2,
        by_funding={FULL: 8, PART: 28}, party=BRANCH, members=14, titles=("主任", "副主任"),
        legal_rep="马宏伟", address="示例旗巴彦镇交通路7号", capital=200.0, domain="公路养护和交通运输服务",
        duties=[
            "承担全旗国省干线公路和旗管公路的日常养护、路况巡查和灾毁抢修工作。",
            "承担公路桥梁、涵洞等构造物的技术状况评定和维护管理工作。",
            "承担农村牧区公路建设项目的技术服务和质量跟踪工作。",
            "承担农村牧区公路的养护管理和路网运行监测工作。",
            "承担公路交通应急保障和冬季除雪保通工作。",
            "承担交通运输行业统计和运行分析的技术支撑工作。",
            "完成旗交通运输局交办的其他任务。",
        ],
        organs=[
            ("综合股", 9, "负责文电、会务、档案、财务、人事和行业统计等日常运转工作。"),
            ("公路养护股", 14, "负责国省干线和旗管公路的养护、巡查、灾毁抢修和冬季除雪保通工作。"),
            ("农村牧区公路股", 10, "负责农村牧区公路建设技术服务、养护管理和路网运行监测工作。"),
        ],
        purpose="保障全旗公路安全畅通，为交通运输发展提供养护和技术服务。",
        scope=["公路日常养护和灾毁抢修", "桥梁涵洞技术状况评定", "农村牧区公路建设技术服务和养护管理",
               "公路交通应急保障"],
    ),
    dict(
        name="示例旗职业教育中心", dept=JY, spec=FK, cat=P1, fund=FULL, staffing=68, deputies=3,
        party=GENERAL, members=32, paizi=["示例旗职业技术学校"], titles=("校长", "副校长"),
        leadership=LeadershipSystem.PARTY_LED_EXECUTIVE, legal_rep="白玉兰",
        address="示例旗巴彦镇育才路2号", capital=260.0, previous_capital=250.0, domain="职业教育",
        structure=(8, 56, 4),
        duties=[
            "贯彻党的教育方针，坚持立德树人，承担全旗中等职业学历教育工作。",
            "围绕全旗农牧业、文化旅游和现代服务业发展需要，开设相关专业并组织教学工作。",
            "承担农牧民职业技能提升和农村牧区劳动力转移就业的技能教育工作。",
            "承担职业技能等级认定的组织实施工作。",
            "开展校企合作和产教融合，组织学生实习实训和就业推荐工作。",
            "承担蒙古语授课职业教育和民族传统技艺传承工作。",
            "承担职业教育教学研究和教师队伍建设工作。",
            "完成旗教育局交办的其他任务。",
        ],
        organs=[
            ("办公室", 6, "负责文电、会务、档案、人事、财务、后勤和安全稳定等日常运转工作。"),
            ("教务股", 8, "负责专业设置、教学计划、课程建设、学籍管理和教学质量评价工作。"),
            ("学生管理股", 6, "负责学生思想政治教育、日常管理、资助和心理健康教育工作。"),
            ("实训就业股", 5, "负责实训基地建设、校企合作、学生实习和就业推荐工作。"),
            ("技能提升股", 5, "负责农牧民职业技能提升、职业技能等级认定的组织实施工作。"),
        ],
        purpose="培养适应全旗经济社会发展需要的技术技能人才，通过校企合作和实习实训提供中等职业教育和职业技能教育服务。",
        scope=["中等职业学历教育", "农牧民职业技能提升", "职业技能等级认定组织实施",
               "校企合作和学生实习实训", "蒙古语授课职业教育和民族传统技艺传承"],
        pilot=True,
    ),
    dict(
        name="示例旗教师发展中心", dept=JY, spec=GU, cat=P1, fund=FULL, staffing=27, deputies=2,
        party=BRANCH, members=11, titles=("主任", "副主任"), legal_rep="斯琴高娃",
        address="示例旗巴彦镇育才路6号", capital=70.0, domain="教育教学研究和教师发展",
        duties=[
            "承担全旗中小学、幼儿园教育教学研究、教学指导和教学质量监测工作。",
            "承担课程改革和教学成果推广，组织开展教研活动和教学评比工作。",
            "承担全旗中小学教师和校长的继续教育和业务进修工作。",
            "承担电化教学设备、数字教育资源的技术指导和推广应用工作。",
            "负责全旗教育城域网和智慧教育平台的运行维护工作。",
            "承担蒙古语授课学校教学研究和双语教学的指导服务工作。",
            "完成旗教育局交办的其他任务。",
        ],
        purpose="开展教育教学研究和教师继续教育，提高全旗中小学教师队伍素质和教育教学质量。",
        scope=["中小学幼儿园教育教学研究和指导", "课程改革和教学成果推广", "教师和校长继续教育",
               "数字教育资源推广应用", "蒙古语授课学校教学研究"],
    ),
    dict(
        name="示例旗人民医院", dept=WJ, spec=FK, cat=P2, fund=PART, staffing=260, deputies=4,
        party=COMMITTEE, members=136, titles=("院长", "副院长"),
        leadership=LeadershipSystem.PARTY_LED_EXECUTIVE, legal_rep="刘堃", form=SandingForm.NOTICE,
        address="示例旗巴彦镇健康路1号", capital=300.0, previous_capital=300.0, domain="医疗服务",
        structure=(18, 228, 14),
        duties=[
            "坚持公益性，为全旗城乡居民提供常见病、多发病的诊疗和急危重症的抢救服务。",
            "承担全旗院前急救、突发公共卫生事件和重大事故的医疗救治工作。",
            "承担基本公共卫生服务和重大公共卫生服务项目的相关医疗工作。",
            "承担紧密型县域医共体牵头医院职责，对苏木乡镇卫生院进行业务指导和技术帮扶。",
            "承担医学院校学生的临床教学、实习和基层卫生人员的进修工作。",
            "开展医疗技术研究和新技术、新项目的推广应用工作。",
            "承担对口支援、健康帮扶和家庭医生签约服务的技术支撑工作。",
            "完成旗卫生健康委员会交办的其他任务。",
        ],
        organs=[
            ("党委办公室", 4, "负责医院党的建设、意识形态、宣传和纪检监察的日常工作。"),
            ("院长办公室", 5, "负责文电、会务、档案、督办和对外联络等日常运转工作。"),
            ("医务科", 5, "负责医疗业务管理、医疗技术准入、医疗纠纷处理和医共体业务指导工作。"),
            ("护理部", 4, "负责护理质量管理、护理人员培养和护理技术推广工作。"),
            ("医疗质量管理科", 3, "负责医疗质量与安全管理、病案管理和院内感染控制工作。"),
            ("财务科", 6, "负责预算、会计核算、医疗收费管理和国有资产管理工作。"),
            ("人事科", 3, "负责人事管理、岗位聘用、职称评审推荐和教学进修工作。"),
            ("公共卫生科", 5, "负责传染病报告、慢病管理、公共卫生服务项目和突发事件医疗救治的组织工作。"),
        ],
        purpose="坚持公立医院公益性，为全旗城乡居民提供基本医疗服务和急危重症救治服务，发挥医共体牵头作用，带动基层卫生服务能力提升。",
        scope=["常见病、多发病诊疗和急危重症抢救", "院前急救和突发事件医疗救治", "医共体业务指导和技术帮扶",
               "临床教学和基层卫生人员进修", "医疗技术研究和推广"],
        pilot=True,
    ),
    dict(
        name="示例旗蒙医医院", dept=WJ, spec=FK, cat=P2, fund=PART, staffing=120, deputies=3,
        party=GENERAL, members=52, paizi=["示例旗蒙医药研究所"], titles=("院长", "副院长"),
        leadership=LeadershipSystem.PARTY_LED_EXECUTIVE, legal_rep="乌力吉",
        address="示例旗巴彦镇健康路9号", capital=150.0, previous_capital=150.0, domain="蒙医药服务",
        structure=(10, 104, 6),
        duties=[
            "坚持中西医并重，以蒙医药为主，为全旗城乡居民提供蒙医、中医和西医诊疗服务。",
            "承担蒙医药特色专科建设和蒙医适宜技术的推广应用工作。",
            "承担蒙药制剂的配制和蒙医药传统疗法的传承保护工作。",
            "承担蒙医药理论、临床研究和蒙医药古籍文献的整理工作。",
            "承担苏木乡镇卫生院蒙医科室建设的业务指导和基层蒙医药人员进修工作。",
            "承担突发公共卫生事件医疗救治和重大活动医疗保障工作。",
            "完成旗卫生健康委员会交办的其他任务。",
        ],
        organs=[
            ("办公室", 5, "负责党建、文电、会务、档案、人事等日常运转工作。"),
            ("医务科", 4, "负责医疗业务和医疗质量管理、蒙医适宜技术推广和基层业务指导工作。"),
            ("护理部", 3, "负责护理质量管理和蒙医特色护理技术推广工作。"),
            ("蒙药制剂科", 6, "负责蒙药制剂的配制、质量控制和药材管理工作。"),
            ("财务科", 4, "负责预算、会计核算、医疗收费管理和国有资产管理工作。"),
            ("蒙医药研究室", 4, "负责蒙医药理论和临床研究、古籍文献整理和传统疗法传承保护工作。"),
        ],
        purpose="传承发展蒙医蒙药事业，为全旗城乡居民提供蒙医药特色医疗服务。",
        scope=["蒙医、中医和西医诊疗服务", "蒙医药特色专科建设和适宜技术推广", "蒙药制剂配制",
               "蒙医药理论和临床研究", "基层蒙医药业务指导"],
    ),
    dict(
        name="示例旗疾病预防控制中心", dept=WJ, spec=FK, cat=P1, fund=FULL, staffing=38, deputies=2,
        party=BRANCH, members=14, titles=("主任", "副主任"), legal_rep="萨仁",
        address="示例旗巴彦镇健康路15号", capital=80.0, previous_capital=80.0, domain="疾病预防控制",
        duties=[
            "负责全旗传染病、地方病、慢性非传染性疾病的监测、预警和防控技术指导工作。",
            "承担突发公共卫生事件的流行病学调查、应急处置和技术支撑工作。",
            "承担免疫规划的组织实施和预防接种的技术指导、质量控制工作。",
            "承担疾病预防控制相关的实验室病原学和理化分析工作。",
            "承担职业卫生、环境卫生、学校卫生和放射卫生的技术服务工作。",
            "承担健康教育与健康促进、慢性病综合防控示范区建设的技术工作。",
            "负责疾病预防控制信息的收集、分析和报告工作。",
            "完成旗卫生健康委员会交办的其他任务。",
        ],
        organs=[
            ("综合办公室", 9, "负责文电、会务、档案、财务、人事和后勤保障等日常运转工作。"),
            ("疾病防控股", 14, "负责传染病、地方病和慢性病的监测预警、免疫规划和流行病学调查工作。"),
            ("公共卫生监测股", 12, "负责实验室病原学和理化分析、职业卫生和环境卫生技术服务、健康教育工作。"),
        ],
        purpose="预防控制疾病，组织实施免疫规划，应对突发公共卫生事件，保护全旗人民群众身体健康。",
        scope=["传染病、地方病和慢性病监测预警和防控", "突发公共卫生事件流行病学调查和应急处置",
               "免疫规划组织实施", "职业卫生和环境卫生技术服务", "健康教育与健康促进"],
        pilot=True,
    ),
    dict(
        name="示例旗妇幼保健院", dept=WJ, spec=GU, cat=P1, fund=FULL, staffing=30, deputies=2,
        party=BRANCH, members=12, titles=("院长", "副院长"), legal_rep="娜仁花",
        address="示例旗巴彦镇健康路21号", capital=60.0, previous_capital=60.0, domain="妇幼健康服务",
        duties=[
            "承担全旗孕产妇系统保健、高危孕产妇管理和住院分娩服务工作。",
            "承担儿童保健、新生儿疾病筛查和儿童生长发育监测工作。",
            "承担妇女常见病筛查和计划生育技术服务工作。",
            "承担出生缺陷综合防治和婚前、孕前保健服务工作。",
            "承担苏木乡镇卫生院妇幼保健工作的业务指导和人员进修工作。",
            "负责全旗妇幼卫生信息的收集、统计和上报工作。",
            "完成旗卫生健康委员会交办的其他任务。",
        ],
        purpose="保障全旗妇女儿童健康，提供妇幼保健、出生缺陷防治和计划生育技术服务。",
        scope=["孕产妇系统保健和住院分娩", "儿童保健和新生儿疾病筛查", "妇女常见病筛查",
               "计划生育技术服务", "出生缺陷综合防治"],
    ),
    dict(
        name="示例旗文化馆", dept=WL, spec=GU, cat=P1, fund=FULL, staffing=14, deputies=1,
        party=BRANCH, members=5, paizi=["示例旗非物质文化遗产保护中心"], titles=("馆长", "副馆长"),
        legal_rep="图雅", address="示例旗巴彦镇文化路10号", capital=30.0, previous_capital=30.0,
        domain="群众文化",
        duties=[
            "组织开展全旗群众文化活动，举办公益性文艺演出、展览和文化艺术普及活动。",
            "承担群众文艺作品的创作、辅导和文艺骨干队伍的培养工作。",
            "承担全旗非物质文化遗产的调查、认定申报、记录和保护传承工作。",
            "承担苏木乡镇综合文化站和嘎查村文化室的业务指导工作。",
            "承担民族民间文化资源的收集、整理和研究工作。",
            "完成旗文化旅游体育局交办的其他任务。",
        ],
        purpose="开展群众文化活动，保护传承非物质文化遗产，丰富全旗群众精神文化生活。",
        scope=["群众文化活动和公益性文艺演出", "群众文艺创作和辅导", "非物质文化遗产保护传承",
               "基层文化站业务指导"],
    ),
    dict(
        name="示例旗图书馆", dept=WL, spec=GU, cat=P1, fund=FULL, staffing=10, deputies=1,
        party=BRANCH, members=4, titles=("馆长", "副馆长"), legal_rep="敖登",
        address="示例旗巴彦镇文化路12号", capital=25.0, previous_capital=25.0, domain="公共图书馆服务",
        duties=[
            "负责文献信息资源的采集、整理、保存和借阅服务工作。",
            "承担全民阅读推广、公益讲座和读者活动的组织工作。",
            "承担蒙古文古籍和地方文献的收集、保护和开发利用工作。",
            "承担数字图书馆建设和公共数字文化服务工作。",
            "承担苏木乡镇图书分馆和农家书屋的业务指导工作。",
            "完成旗文化旅游体育局交办的其他任务。",
        ],
        purpose="收藏和提供文献资源，建设覆盖城乡的图书服务网络，开展全民阅读服务，保障群众基本文化权益。",
        scope=["文献资源采集、保存和借阅", "全民阅读推广", "蒙古文古籍和地方文献保护",
               "公共数字文化服务", "图书分馆和农家书屋业务指导"],
    ),
    dict(
        name="示例旗乌兰牧骑", dept=WL, spec=GU, cat=P1, fund=FULL, staffing=40, deputies=2,
        party=BRANCH, members=15, titles=("队长", "副队长"), legal_rep="朝鲁",
        address="示例旗巴彦镇那达慕大街20号", capital=50.0, previous_capital=50.0, domain="乌兰牧骑文艺演出",
        structure=(4, 34, 2),
        duties=[
            "坚持“短小精悍、一专多能、队伍精干、装备轻便”的优良传统，深入农村牧区开展文艺演出。",
            "承担全旗重大节庆活动和那达慕大会的文艺演出工作。",
            "承担蒙古族民歌、长调、呼麦、马头琴等民族艺术的传承和创作工作。",
            "组织创作反映新时代农村牧区生活的文艺作品。",
            "承担面向基层群众的文化宣传和政策宣讲服务工作。",
            "承担基层文艺队伍的辅导和培养工作。",
            "完成旗文化旅游体育局交办的其他任务。",
        ],
        purpose="扎根农村牧区，为基层群众提供文艺演出和文化服务，传承弘扬民族优秀文化。",
        scope=["农村牧区文艺演出", "重大节庆和那达慕文艺演出", "民族艺术传承和创作", "基层文艺队伍辅导"],
    ),
    dict(
        name="示例旗博物馆", dept=WL, spec=GU, cat=P1, fund=FULL, staffing=17, deputies=1,
        party=BRANCH, members=7, paizi=["示例旗文物保护中心"], titles=("馆长", "副馆长"),
        legal_rep="胡日查", address="示例旗巴彦镇文化路14号", capital=60.0, previous_capital=40.0,
        domain="文物保护和博物馆",
        duties=[
            "负责馆藏文物的征集、保管、修复和陈列展览工作。",
            "承担全旗历史、民俗和草原文化的研究和宣传教育工作。",
            "组织开展公益性社会教育活动和研学服务。",
            "承担全旗不可移动文物的日常巡查、保护管理和文物安全工作。",
            "承担全旗文物普查、考古调查的配合和文物资料档案管理工作。",
            "完成旗文化旅游体育局交办的其他任务。",
        ],
        purpose="收藏、保护和展示全旗文物和历史文化遗产，开展社会教育，传承草原文化。",
        scope=["文物征集、保管、修复和陈列展览", "历史民俗和草原文化研究", "公益性社会教育",
               "不可移动文物巡查和保护管理", "文物资料档案管理"],
    ),
    dict(
        name="示例旗社会保险事业服务中心", dept=RS, spec=GU, cat=P1, fund=FULL, staffing=22, deputies=2,
        party=BRANCH, members=9, titles=("主任", "副主任"), legal_rep="王志强",
        address="示例旗巴彦镇人民路25号", capital=40.0, previous_capital=40.0, domain="社会保险",
        duties=[
            "承担全旗企业职工基本养老保险、失业保险和工伤保险的参保登记、缴费核定和待遇核发工作。",
            "承担城乡居民基本养老保险的经办服务工作。",
            "承担机关事业单位养老保险的经办服务工作。",
            "负责社会保险基金的收支管理、会计核算和财务决算工作。",
            "负责社会保险待遇领取资格认证和参保人员档案管理工作。",
            "承担社会保险经办服务下沉和“社银合作”等便民服务工作。",
            "完成旗人力资源和社会保障局交办的其他任务。",
        ],
        purpose="经办全旗各项社会保险业务，保障参保人员依法享受社会保险待遇。",
        scope=["养老、失业、工伤保险参保登记和待遇核发", "城乡居民养老保险经办",
               "社会保险基金收支管理", "待遇领取资格认证和参保档案管理"],
    ),
    dict(
        name="示例旗就业和人才服务中心", dept=RS, spec=GU, cat=P1, fund=FULL, staffing=20, deputies=1,
        party=BRANCH, members=9, titles=("主任", "副主任"), legal_rep="杨晓红",
        address="示例旗巴彦镇人民路27号", capital=35.0, domain="就业和人才服务",
        duties=[
            "承担全旗就业失业登记、职业介绍和就业援助等公共就业服务工作。",
            "承担创业担保贷款、创业指导和重点群体就业帮扶的服务工作。",
            "承担农村牧区劳动力转移就业和劳务品牌建设的服务工作。",
            "承担人才引进、高校毕业生就业见习和人才信息服务工作。",
            "承担流动人员人事档案的管理和服务工作。",
            "承担人力资源市场供求监测和劳动力调查工作。",
            "完成旗人力资源和社会保障局交办的其他任务。",
        ],
        purpose="提供公共就业、人才和人事档案服务，促进全旗城乡劳动者就业创业。",
        scope=["就业失业登记和职业介绍", "创业指导和就业帮扶", "农村牧区劳动力转移就业服务",
               "人才引进和高校毕业生就业见习", "流动人员人事档案管理"],
    ),
    dict(
        name="示例旗医疗保障服务中心", dept=YB, spec=GU, cat=P1, fund=FULL, staffing=12, deputies=1,
        party=BRANCH, members=5, titles=("主任", "副主任"), legal_rep="周敏",
        address="示例旗巴彦镇人民路29号", capital=30.0, previous_capital=30.0, domain="医疗保障",
        transferred_from=RS,
        duties=[
            "承担全旗基本医疗保险、大病保险和医疗救助的参保登记和待遇支付经办工作。",
            "承担医疗保障基金的结算、清算和财务管理工作。",
            "承担定点医药机构的协议管理和医疗费用审核工作。",
            "承担异地就医备案和直接结算的经办服务工作。",
            "承担医疗保障经办业务的统计分析和经办系统的日常维护工作。",
            "完成旗医疗保障局交办的其他任务。",
        ],
        purpose="经办全旗医疗保障业务，做好医药机构协议管理和就医结算服务，保障参保群众依法享受医疗保障待遇。",
        scope=["医疗保险和医疗救助参保登记及待遇支付", "医疗保障基金结算", "定点医药机构协议管理",
               "异地就医备案和结算"],
    ),
    dict(
        name="示例旗社会福利服务中心", dept=MZ, spec=GU, cat=P1, fund=FULL, staffing=21, deputies=2,
        party=BRANCH, members=8, titles=("主任", "副主任"), legal_rep="哈斯",
        address="示例旗巴彦镇康乐街5号", capital=60.0, domain="社会福利和社会救助",
        structure=(3, 10, 8),
        duties=[
            "承担全旗城乡特困人员集中供养和孤老优抚对象的生活照料服务工作。",
            "承担孤儿、事实无人抚养儿童的养育和保障服务工作。",
            "承担生活无着的流浪、乞讨人员的临时救助和护送返乡工作。",
            "承担困难群众临时救助的事务性工作和救助对象的信息管理工作。",
            "承担养老服务技术指导和养老护理人员的业务指导工作。",
            "完成旗民政局交办的其他任务。",
        ],
        purpose="为特困人员、孤儿和流浪乞讨人员等困难群体提供供养、养育和救助服务。",
        scope=["特困人员集中供养", "孤儿养育保障", "流浪乞讨人员临时救助", "养老服务技术指导"],
    ),
    dict(
        name="示例旗殡仪馆", dept=MZ, spec=GU, cat=P2, fund=PART, staffing=8, deputies=1,
        party=BRANCH, members=3, titles=("馆长", "副馆长"), legal_rep="格日勒",
        address="示例旗巴彦镇殡仪路1号", capital=80.0, previous_capital=80.0, domain="殡葬服务",
        structure=(1, 3, 4),
        duties=[
            "承担遗体接运、存放、火化和骨灰寄存等基本殡葬服务工作。",
            "承担特困人员等困难群众基本殡葬服务费用减免的具体工作。",
            "承担殡葬设施设备的管理和维护工作。",
            "开展文明祭扫和殡葬改革宣传工作。",
            "承担殡葬服务信息的统计和上报工作。",
            "完成旗民政局交办的其他任务。",
        ],
        purpose="为全旗群众提供遗体接运、火化等基本殡葬服务，推进殡葬改革。",
        scope=["遗体接运、火化和骨灰寄存", "基本殡葬服务费用减免", "殡葬设施设备管理", "殡葬改革宣传"],
    ),
    dict(
        name="示例旗烈士陵园管理所", dept=TY, spec=GU, cat=P1, fund=FULL, staffing=5, deputies=1,
        party=JOINT, members=2, joint_units=2, titles=("所长", "副所长"), legal_rep="那顺",
        address="示例旗巴彦镇英雄山路1号", capital=20.0, previous_capital=20.0, domain="烈士纪念设施保护",
        exemption="示编委发〔2026〕4号",
        remark="烈士纪念设施保护单位，依据《烈士纪念设施保护管理办法》经旗委编委批准保留。",
        structure=(1, 2, 2),
        duties=[
            "负责示例旗烈士陵园的日常管理、维护和安全保卫工作。",
            "承担烈士纪念设施的保护修缮和烈士史料的收集整理工作。",
            "承担烈士祭扫、纪念活动的组织服务工作。",
            "开展革命传统、爱国主义和英烈事迹的宣传教育工作。",
            "承担零散烈士纪念设施的集中管护和信息管理工作。",
            "完成旗退役军人事务局交办的其他任务。",
        ],
        purpose="保护烈士纪念设施，弘扬英烈精神，开展爱国主义教育。",
        scope=["烈士陵园管理维护", "烈士纪念设施保护修缮", "烈士祭扫纪念活动组织服务",
               "英烈事迹宣传教育"],
    ),
    dict(
        name="示例旗退役军人服务中心", dept=TY, spec=GU, cat=P1, fund=FULL, staffing=8, deputies=1,
        party=JOINT, members=2, joint_units=2, titles=("主任", "副主任"), legal_rep="宝音",
        address="示例旗巴彦镇和平街30号", capital=20.0, domain="退役军人服务保障", is_new=True,
        remark="按照退役军人服务保障体系建设要求新设，编制从全旗收回的事业编制中调剂。",
        duties=[
            "承担退役军人和其他优抚对象的接收安置、就业创业的服务保障工作。",
            "承担退役军人思想政治、权益维护和帮扶援助的服务工作。",
            "承担优抚对象抚恤补助、优待证办理等事务性工作。",
            "承担苏木乡镇退役军人服务站的业务指导工作。",
            "承担退役军人信息采集、走访慰问和档案管理的具体工作。",
            "完成旗退役军人事务局交办的其他任务。",
        ],
        purpose="为退役军人和其他优抚对象提供服务保障，维护其合法权益。",
        scope=["退役军人接收安置和就业创业服务", "退役军人权益维护和帮扶援助", "优抚对象抚恤补助事务",
               "基层退役军人服务站业务指导"],
    ),
    dict(
        name="示例旗检验检测中心", dept=SJ, spec=GU, cat=P2, fund=PART, staffing=27, deputies=2,
        by_funding={FULL: 15, PART: 12}, party=BRANCH, members=10, titles=("主任", "副主任"),
        legal_rep="张丽娟", address="示例旗巴彦镇工业园区科技路6号", capital=150.0,
        domain="产品质量、计量和食品安全",
        domain_note="按照国办发〔2014〕8号整合检验检测认证机构的要求，将原分散在市场监管、农牧部门的"
        "3个检验检测机构整合组建，全旗只保留本中心一个综合性检验检测机构。",
        duties=[
            "承担全旗产品质量监督抽查的检验检测工作。",
            "承担计量器具的检定、校准和计量标准的建立与维护工作。",
            "承担食品、食用农产品和药品的抽样检验和风险监测工作。",
            "承担农畜产品质量安全的例行监测和快速检测技术服务工作。",
            "承担检验检测结果的统计分析和质量安全风险预警的技术支撑工作。",
            "承担检验检测资质认定条件的保持和实验室质量管理体系运行工作。",
            "完成旗市场监督管理局交办的其他任务。",
        ],
        purpose="为全旗产品质量、计量和食品药品安全监管提供检验检测技术支撑。",
        scope=["产品质量检验检测", "计量器具检定校准", "食品药品抽样检验和风险监测",
               "农畜产品质量安全监测"],
    ),
    dict(
        name="示例旗统计监测服务中心", dept=TJ, spec=GU, cat=P1, fund=FULL, staffing=6, deputies=1,
        service=SUPPORT, party=BRANCH, members=3, titles=("主任", "副主任"), legal_rep="白志远",
        address="示例旗巴彦镇人民路3号", capital=15.0, previous_capital=15.0, domain="统计调查",
        structure=(1, 5, 0),
        duties=[
            "承担全旗经济普查、人口普查、农业普查等重大国情国力普查的具体实施工作。",
            "承担统计调查项目的采集、审核和汇总工作。",
            "承担统计调查质量监测和基层统计基础工作规范化建设的技术指导工作。",
            "承担统计分析、统计资料编印和统计信息发布的服务工作。",
            "承担基层统计人员的业务指导和统计法治宣传工作。",
            "完成旗统计局交办的其他任务。",
        ],
        purpose="组织实施全旗统计普查和统计调查，为党委政府决策提供统计服务。",
        scope=["重大国情国力普查实施", "统计调查采集审核汇总", "统计调查质量监测", "统计资料编印和统计信息发布"],
    ),
]

# --- units before the reform --------------------------------------------------------------------
# carry: indices of the 去向单位's 三定 duties that were this unit's own duties (x.functions);
# elsewhere: (duty, 去向) for duties no unit after the reform carries.


def B(name: str, dept: str, spec: Spec, cat: Category, fund: Funding, staffing: int, actual: int,
      deputies: int, members: int, disp: Disposition, dest: str | None = None, **kw: Any) -> dict[str, Any]:
    return dict(name=name, dept=dept, spec=spec, cat=cat, fund=fund, staffing=staffing, actual=actual,
                deputies=deputies, members=members, disp=disp, dest=dest, **kw)


KEEP, RENAME, INTEGRATE, MERGE = Disposition.KEEP, Disposition.RENAME, Disposition.INTEGRATE, Disposition.MERGE_INTO
TRANSFER, ABOLISH, TO_ENT = Disposition.TRANSFER, Disposition.ABOLISH, Disposition.TO_ENTERPRISE
FN_ADMIN, TO_ADMIN = Disposition.FUNCTIONS_TO_ADMIN, Disposition.TO_ADMIN

BEFORE: list[dict[str, Any]] = [
    # 旗委宣传部
    B("示例旗广播电视台", XCB, ZK, P1, FULL, 36, 35, 2, 14, INTEGRATE, "示例旗融媒体中心",
      carry=[2, 3, 6]),
    B("示例旗新闻中心", XCB, GU, P1, FULL, 10, 11, 1, 5, INTEGRATE, "示例旗融媒体中心", carry=[1, 4, 5],
      remark="超编1人。"),
    # 旗委办公室
    B("示例旗档案馆", WB, GU, P1, FULL, 9, 9, 1, 4, INTEGRATE, "示例旗档案史志馆", carry=[0, 1, 2],
      paizi=["示例旗档案局"]),
    B("示例旗史志办公室", WB, GU, P1, FULL, 6, 5, 1, 2, INTEGRATE, "示例旗档案史志馆", carry=[3, 4, 5]),
    # 旗人民政府办公室
    B("示例旗机关事务服务中心", ZFB, GU, P1, FULL, 18, 17, 2, 8, KEEP, "示例旗机关事务服务中心",
      service=SUPPORT, carry=[0, 1, 2, 3, 4]),
    B("示例旗政府宾馆", ZFB, GU, BIZ, SELF, 16, 15, 1, 5, TO_ENT, elsewhere=[
        ("承担旗委、旗政府公务接待的住宿和餐饮服务。", "转企承接（示例旗宾馆有限责任公司）"),
        ("对外提供住宿、餐饮和会议服务。", "转企承接（示例旗宾馆有限责任公司）")]),
    B("示例旗机关第二招待所", ZFB, GU, BIZ, SELF, 6, 5, 0, 2, ABOLISH, service=SUPPORT, elsewhere=[
        ("承担旗直机关来客的住宿接待服务。", "取消（公务接待按规定安排在定点饭店）")]),
    B("示例旗公共资源交易中心", ZFB, GU, P1, FULL, 9, 9, 1, 4, KEEP, "示例旗公共资源交易中心",
      carry=[0, 1, 2, 3, 4], paizi=["示例旗政府采购中心"]),
    B("示例旗政务服务中心", ZFB, GU, P1, FULL, 20, 19, 2, 9, KEEP, "示例旗政务服务中心", carry=[0, 1, 2, 3]),
    B("示例旗12345政务服务便民热线中心", ZFB, GU, P1, FULL, 6, 6, 0, 2, MERGE, "示例旗政务服务中心",
      carry=[4, 5]),
    # 旗发展和改革委员会
    B("示例旗粮食储备库", FGW, GU, BIZ, SELF, 12, 11, 1, 4, TO_ENT, elsewhere=[
        ("承担旗级储备粮的收购、储存和轮换工作。", "转企承接（示例旗粮食储备有限责任公司）"),
        ("承担政策性粮食的购销工作。", "转企承接（示例旗粮食储备有限责任公司）")]),
    B("示例旗价格认证中心", FGW, GU, P1, FULL, 5, 4, 0, 2, ABOLISH, elsewhere=[
        ("承担涉案财物、纪检监察等价格认定的具体工作。", "划归示例旗发展和改革委员会"),
        ("承担价格监测和成本调查的事务性工作。", "划归示例旗发展和改革委员会")]),
    # 旗农牧局
    B("示例旗农业技术推广中心", NM, GU, P1, FULL, 22, 21, 2, 9, INTEGRATE, "示例旗农牧业技术推广中心",
      carry=[0, 1, 2], paizi=["示例旗农业科技服务中心"]),
    B("示例旗畜牧工作站", NM, GU, P1, FULL, 10, 10, 1, 5, INTEGRATE, "示例旗农牧业技术推广中心", carry=[3, 4]),
    B("示例旗种子管理站", NM, GU, P1, FULL, 6, 5, 1, 2, INTEGRATE, "示例旗农牧业技术推广中心", carry=[5]),
    B("示例旗农牧业机械化技术推广站", NM, GU, P1, FULL, 7, 7, 1, 3, INTEGRATE, "示例旗农牧业技术推广中心",
      carry=[6]),
    B("示例旗动物疫病预防控制中心", NM, GU, P1, FULL, 16, 15, 1, 7, KEEP, "示例旗动物疫病预防控制中心",
      carry=[0, 1, 2, 3, 4, 5]),
    B("示例旗动物卫生监督所", NM, GU, ADM, FULL, 12, 12, 1, 5, FN_ADMIN, elsewhere=[
        ("承担动物及动物产品检疫和动物卫生监督执法工作。", "划归示例旗农牧局（农牧业综合行政执法大队）"),
        ("承担兽药、饲料经营使用的监督检查工作。", "划归示例旗农牧局（农牧业综合行政执法大队）")]),
    B("示例旗农畜产品质量安全检测站", NM, GU, P1, FULL, 8, 7, 1, 3, INTEGRATE, "示例旗检验检测中心",
      carry=[3]),
    # 旗林业和草原局
    B("示例旗草原工作站", LC, GU, P1, FULL, 12, 11, 1, 5, INTEGRATE, "示例旗林业和草原工作站", carry=[0, 1]),
    B("示例旗林业工作站", LC, GU, P1, FULL, 10, 10, 1, 4, INTEGRATE, "示例旗林业和草原工作站", carry=[2, 3]),
    B("示例旗治沙工作站", LC, GU, P1, FULL, 6, 6, 1, 2, INTEGRATE, "示例旗林业和草原工作站", carry=[4]),
    B("示例旗林业有害生物防治检疫站", LC, GU, P1, FULL, 7, 7, 1, 3, KEEP, "示例旗林业有害生物防治检疫站",
      carry=[0, 1, 2, 3, 4]),
    # 旗水利局
    B("示例旗水土保持工作站", SL, GU, P1, FULL, 9, 9, 1, 4, INTEGRATE, "示例旗水利事业发展中心", carry=[0, 1]),
    B("示例旗水利工作站", SL, GU, P1, FULL, 8, 7, 1, 3, INTEGRATE, "示例旗水利事业发展中心", carry=[2, 3, 4]),
    B("示例旗水政监察大队", SL, GU, ADM, FULL, 8, 8, 1, 4, FN_ADMIN, elsewhere=[
        ("承担水政监察和水行政执法工作。", "划归示例旗水利局"),
        ("承担河道采砂、取水许可事项的监督检查工作。", "划归示例旗水利局")]),
    B("示例旗防汛抗旱服务中心", SL, GU, P1, FULL, 7, 6, 1, 3, TRANSFER, "示例旗防汛抗旱服务中心",
      carry=[0, 1, 2, 3, 4]),
    B("示例旗哈达水库管理所", SL, GU, P2, PART, 10, 10, 1, 4, KEEP, "示例旗哈达水库管理所",
      carry=[0, 1, 2, 3, 4]),
    # 旗自然资源局
    B("示例旗不动产登记中心", ZR, GU, P1, FULL, 15, 14, 1, 6, KEEP, "示例旗不动产登记中心",
      carry=[0, 1, 2, 3, 4]),
    B("示例旗土地收购储备中心", ZR, GU, P1, FULL, 8, 8, 1, 3, INTEGRATE, "示例旗自然资源事务服务中心",
      service=SUPPORT, carry=[0, 1]),
    B("示例旗国土空间规划勘测站", ZR, GU, P1, FULL, 7, 6, 1, 3, INTEGRATE, "示例旗自然资源事务服务中心",
      service=SUPPORT, carry=[2, 3]),
    # 旗住房和城乡建设局
    B("示例旗房产管理所", ZJ, GU, ADM, FULL, 10, 9, 1, 4, FN_ADMIN, carry_to=("示例旗城乡建设服务中心", [5]),
      elsewhere=[("承担房地产市场监督管理和房屋交易监管的具体工作。", "划归示例旗住房和城乡建设局")]),
    B("示例旗城市管理综合执法大队", ZJ, GU, ADM, FULL, 30, 32, 2, 12, TO_ADMIN, remark="超编2人。",
      elsewhere=[
          ("承担城市管理领域相对集中行政处罚权的具体执法工作。", "转为示例旗城市管理综合行政执法局（行政机构）承担"),
          ("承担市容市貌、户外广告和违法建设的执法巡查工作。", "转为示例旗城市管理综合行政执法局（行政机构）承担")]),
    B("示例旗城乡规划设计院", ZJ, GU, BIZ, SELF, 12, 11, 1, 5, TO_ENT, elsewhere=[
        ("承担城乡规划编制和建筑工程设计业务。", "转企承接（示例旗城乡规划设计有限公司）")]),
    B("示例旗市政设施管理所", ZJ, GU, P1, FULL, 14, 14, 1, 6, INTEGRATE, "示例旗城乡建设服务中心",
      carry=[0, 1]),
    B("示例旗园林绿化中心", ZJ, GU, P1, FULL, 12, 11, 1, 5, INTEGRATE, "示例旗城乡建设服务中心", carry=[2]),
    B("示例旗环境卫生管理所", ZJ, GU, P1, FULL, 10, 10, 1, 4, INTEGRATE, "示例旗城乡建设服务中心",
      carry=[3, 4]),
    # 旗交通运输局
    B("示例旗公路养护管理所", JT, GU, P2, PART, 28, 27, 2, 11, INTEGRATE, "示例旗交通运输事业发展中心",
      carry=[0, 1, 4]),
    B("示例旗农村牧区公路管理站", JT, GU, P1, FULL, 8, 7, 1, 3, INTEGRATE, "示例旗交通运输事业发展中心",
      carry=[2, 3]),
    B("示例旗运输管理所", JT, GU, ADM, FULL, 12, 12, 1, 5, FN_ADMIN, elsewhere=[
        ("承担道路运输市场监督管理和行政许可的具体工作。", "划归示例旗交通运输局"),
        ("承担道路运输执法检查工作。", "划归示例旗交通运输局（交通运输综合行政执法大队）")]),
    # 旗教育局
    B("示例旗职业教育中心", JY, FK, P1, FULL, 68, 65, 3, 32, KEEP, "示例旗职业教育中心",
      party=GENERAL, paizi=["示例旗职业技术学校"], carry=[0, 1, 2, 3, 4, 5, 6]),
    B("示例旗教研室", JY, GU, P1, FULL, 12, 12, 1, 5, INTEGRATE, "示例旗教师发展中心", carry=[0, 1, 5]),
    B("示例旗电化教育馆", JY, GU, P1, FULL, 6, 6, 1, 2, INTEGRATE, "示例旗教师发展中心", carry=[3, 4]),
    B("示例旗教师进修学校", JY, GU, P1, FULL, 10, 9, 1, 4, INTEGRATE, "示例旗教师发展中心", carry=[2]),
    # 旗卫生健康委员会
    B("示例旗人民医院", WJ, FK, P2, PART, 260, 248, 4, 136, KEEP, "示例旗人民医院",
      party=COMMITTEE, carry=[0, 1, 2, 3, 4, 5, 6]),
    B("示例旗蒙医医院", WJ, FK, P2, PART, 120, 112, 3, 52, KEEP, "示例旗蒙医医院",
      party=GENERAL, paizi=["示例旗蒙医药研究所"], carry=[0, 1, 2, 3, 4, 5]),
    B("示例旗疾病预防控制中心", WJ, FK, P1, FULL, 38, 36, 2, 14, KEEP, "示例旗疾病预防控制中心",
      carry=[0, 1, 2, 3, 4, 5, 6]),
    B("示例旗妇幼保健计划生育服务中心", WJ, GU, P1, FULL, 30, 28, 2, 12, RENAME, "示例旗妇幼保健院",
      carry=[0, 1, 2, 3, 4, 5]),
    B("示例旗卫生计生综合监督执法局", WJ, GU, ADM, FULL, 14, 13, 2, 6, FN_ADMIN,
      remark="名称为历史沿用，实为承担行政职能的事业单位。", elsewhere=[
          ("承担公共卫生、医疗卫生和计划生育的监督执法工作。", "划归示例旗卫生健康委员会（综合监督执法）"),
          ("承担职业卫生和放射卫生的监督检查工作。", "划归示例旗卫生健康委员会（综合监督执法）")]),
    # 旗文化旅游体育局
    B("示例旗文化馆", WL, GU, P1, FULL, 14, 13, 1, 5, KEEP, "示例旗文化馆",
      paizi=["示例旗非物质文化遗产保护中心"], carry=[0, 1, 2, 3, 4]),
    B("示例旗图书馆", WL, GU, P1, FULL, 10, 10, 1, 4, KEEP, "示例旗图书馆", carry=[0, 1, 2, 3, 4]),
    B("示例旗乌兰牧骑", WL, GU, P1, FULL, 40, 38, 2, 15, KEEP, "示例旗乌兰牧骑", carry=[0, 1, 2, 3, 4, 5]),
    B("示例旗博物馆", WL, GU, P1, FULL, 10, 9, 1, 4, KEEP, "示例旗博物馆", carry=[0, 1, 2]),
    B("示例旗文物保护管理所", WL, GU, P1, FULL, 8, 7, 1, 3, MERGE, "示例旗博物馆", carry=[3, 4]),
    # 旗人力资源和社会保障局
    B("示例旗社会保险事业管理局", RS, GU, P1, FULL, 22, 21, 2, 9, RENAME, "示例旗社会保险事业服务中心",
      remark="名称为历史沿用，本次改革规范名称。", carry=[0, 1, 2, 3, 4, 5]),
    B("示例旗就业服务中心", RS, GU, P1, FULL, 15, 14, 1, 6, INTEGRATE, "示例旗就业和人才服务中心",
      paizi=["示例旗创业指导中心"], carry=[0, 1, 2, 5]),
    B("示例旗人才交流服务中心", RS, GU, P1, FULL, 6, 6, 1, 3, INTEGRATE, "示例旗就业和人才服务中心",
      carry=[3, 4]),
    B("示例旗医疗保险服务中心", RS, GU, P1, FULL, 12, 12, 1, 5, TRANSFER, "示例旗医疗保障服务中心",
      carry=[0, 1, 2, 3]),
    # 旗民政局
    B("示例旗社会福利院", MZ, GU, P1, FULL, 16, 15, 1, 6, INTEGRATE, "示例旗社会福利服务中心", carry=[0, 1]),
    B("示例旗救助管理站", MZ, GU, P1, FULL, 6, 6, 1, 2, INTEGRATE, "示例旗社会福利服务中心", carry=[2, 3]),
    B("示例旗殡仪馆", MZ, GU, P2, PART, 8, 7, 1, 3, KEEP, "示例旗殡仪馆", carry=[0, 1, 2, 3]),
    # 旗退役军人事务局
    B("示例旗烈士陵园管理所", TY, GU, P1, FULL, 5, 5, 1, 2, KEEP, "示例旗烈士陵园管理所",
      carry=[0, 1, 2, 3]),
    # 旗市场监督管理局
    B("示例旗产品质量计量检测所", SJ, GU, P2, PART, 12, 11, 1, 4, INTEGRATE, "示例旗检验检测中心",
      carry=[0, 1]),
    B("示例旗食品药品检验检测站", SJ, GU, P1, FULL, 8, 8, 1, 3, INTEGRATE, "示例旗检验检测中心", carry=[2]),
    # 旗统计局
    B("示例旗经济普查中心", TJ, GU, P1, FULL, 6, 6, 1, 3, RENAME, "示例旗统计监测服务中心",
      service=SUPPORT, carry=[0, 1, 2, 3]),
]

# 内设机构 of the before-units as the inventory found them (most small units have none).
BEFORE_ORGANS = {
    "示例旗广播电视台": 4, "示例旗机关事务服务中心": 2, "示例旗政府宾馆": 3, "示例旗政务服务中心": 3,
    "示例旗粮食储备库": 2, "示例旗农业技术推广中心": 3, "示例旗动物疫病预防控制中心": 2,
    "示例旗不动产登记中心": 2, "示例旗城市管理综合执法大队": 4, "示例旗城乡规划设计院": 2,
    "示例旗市政设施管理所": 2, "示例旗公路养护管理所": 3, "示例旗运输管理所": 2, "示例旗职业教育中心": 6,
    "示例旗人民医院": 11, "示例旗蒙医医院": 7, "示例旗疾病预防控制中心": 4, "示例旗妇幼保健计划生育服务中心": 3,
    "示例旗卫生计生综合监督执法局": 3, "示例旗乌兰牧骑": 2, "示例旗社会保险事业管理局": 4,
    "示例旗就业服务中心": 2,
}

# 人员转隶 of every before-unit whose 改革方式 is not 保留/更名: (原单位, 去向, 人数, 备注)
ENT, RET, OTH, ADM = Placement.ENTERPRISE, Placement.RETIRE, Placement.OTHER, Placement.ADMIN
TRANSFERS: list[tuple[str, str | Placement, int, str]] = [
    ("示例旗广播电视台", "示例旗融媒体中心", 35, ""),
    ("示例旗新闻中心", "示例旗融媒体中心", 11, "含超编1人，随单位整合转入"),
    ("示例旗档案馆", "示例旗档案史志馆", 9, ""),
    ("示例旗史志办公室", "示例旗档案史志馆", 5, ""),
    ("示例旗政府宾馆", ENT, 13, "转入示例旗宾馆有限责任公司，按规定办理社会保险关系接续"),
    ("示例旗政府宾馆", RET, 2, "2026年内达到法定退休年龄"),
    ("示例旗机关第二招待所", "示例旗机关事务服务中心", 2, ""),
    ("示例旗机关第二招待所", RET, 1, ""),
    ("示例旗机关第二招待所", OTH, 2, "本人申请解除聘用合同，依法给予经济补偿"),
    ("示例旗12345政务服务便民热线中心", "示例旗政务服务中心", 6, ""),
    ("示例旗粮食储备库", ENT, 10, "转入示例旗粮食储备有限责任公司"),
    ("示例旗粮食储备库", RET, 1, ""),
    ("示例旗价格认证中心", "示例旗公共资源交易中心", 2, ""),
    ("示例旗价格认证中心", "示例旗退役军人服务中心", 2, ""),
    ("示例旗农业技术推广中心", "示例旗农牧业技术推广中心", 20, ""),
    ("示例旗农业技术推广中心", RET, 1, ""),
    ("示例旗畜牧工作站", "示例旗农牧业技术推广中心", 10, ""),
    ("示例旗种子管理站", "示例旗农牧业技术推广中心", 5, ""),
    ("示例旗农牧业机械化技术推广站", "示例旗农牧业技术推广中心", 7, ""),
    ("示例旗动物卫生监督所", ADM, 12, "随职能划入示例旗农牧局，按规定程序转入农牧业综合行政执法大队"),
    ("示例旗农畜产品质量安全检测站", "示例旗检验检测中心", 7, ""),
    ("示例旗草原工作站", "示例旗林业和草原工作站", 11, ""),
    ("示例旗林业工作站", "示例旗林业和草原工作站", 10, ""),
    ("示例旗治沙工作站", "示例旗林业和草原工作站", 6, ""),
    ("示例旗水土保持工作站", "示例旗水利事业发展中心", 9, ""),
    ("示例旗水利工作站", "示例旗水利事业发展中心", 7, ""),
    ("示例旗水政监察大队", ADM, 8, "随职能划入示例旗水利局，按规定程序转入农牧业综合行政执法大队水利执法中队"),
    ("示例旗防汛抗旱服务中心", "示例旗防汛抗旱服务中心", 6, "随单位整体划转至示例旗应急管理局"),
    ("示例旗土地收购储备中心", "示例旗自然资源事务服务中心", 8, ""),
    ("示例旗国土空间规划勘测站", "示例旗自然资源事务服务中心", 6, ""),
    ("示例旗房产管理所", ADM, 6, "随职能划入示例旗住房和城乡建设局，按规定程序过渡"),
    ("示例旗房产管理所", "示例旗城乡建设服务中心", 3, "从事保障性住房和维修资金事务的人员"),
    ("示例旗城市管理综合执法大队", ADM, 32, "随机构转为示例旗城市管理综合行政执法局，按规定程序过渡"),
    ("示例旗城乡规划设计院", ENT, 10, "转入示例旗城乡规划设计有限公司"),
    ("示例旗城乡规划设计院", RET, 1, ""),
    ("示例旗市政设施管理所", "示例旗城乡建设服务中心", 14, ""),
    ("示例旗园林绿化中心", "示例旗城乡建设服务中心", 11, ""),
    ("示例旗环境卫生管理所", "示例旗城乡建设服务中心", 10, ""),
    ("示例旗公路养护管理所", "示例旗交通运输事业发展中心", 27, ""),
    ("示例旗农村牧区公路管理站", "示例旗交通运输事业发展中心", 7, ""),
    ("示例旗运输管理所", ADM, 12, "随职能划入示例旗交通运输局，按规定程序转入交通运输综合行政执法大队"),
    ("示例旗教研室", "示例旗教师发展中心", 12, ""),
    ("示例旗电化教育馆", "示例旗教师发展中心", 6, ""),
    ("示例旗教师进修学校", "示例旗教师发展中心", 9, ""),
    ("示例旗卫生计生综合监督执法局", ADM, 13, "随职能划入示例旗卫生健康委员会，按规定程序转入卫生健康综合监督执法队伍"),
    ("示例旗文物保护管理所", "示例旗博物馆", 7, ""),
    ("示例旗就业服务中心", "示例旗就业和人才服务中心", 14, ""),
    ("示例旗人才交流服务中心", "示例旗就业和人才服务中心", 6, ""),
    ("示例旗医疗保险服务中心", "示例旗医疗保障服务中心", 12, "随单位整体划转至示例旗医疗保障局"),
    ("示例旗社会福利院", "示例旗社会福利服务中心", 15, ""),
    ("示例旗救助管理站", "示例旗社会福利服务中心", 6, ""),
    ("示例旗产品质量计量检测所", "示例旗检验检测中心", 11, ""),
    ("示例旗食品药品检验检测站", "示例旗检验检测中心", 8, ""),
]

# Organisation-code bodies of the before-units (positions 9–16 of the USCC), in BEFORE order.
ORG_BODIES = [
    "46010128", "46010136", "46010217", "46010225", "46010314", "46010322", "MB1Q3C5R",
    "46010349", "46010357", "MB1T8D2K", "46010418", "46010426", "46010512", "46010520",
    "46010539", "46010547", "46010555", "46010563", "46010571", "46010610", "46010629",
    "46010637", "46010645", "46010713", "46010721", "46010730", "46010748", "46010756",
    "46010811", "46010829", "46010837", "46010915", "46010923", "46010931", "46010940",
    "46010958", "46010966", "46011016", "46011024", "46011032", "46011111", "46011120",
    "46011138", "46011146", "46011219", "46011227", "46011235", "46011243", "46011251",
    "46011317", "46011325", "46011333", "46011341", "MB1W6F0H", "46011413", "46011421",
    "46011430", "MB1X2G7L", "46011511", "46011520", "46011538", "46011619", "46011627",
    "46011716", "46011724",
]

# --- boilerplate, composed from a unit's facts ------------------------------------------------


def party_sentence(u: dict[str, Any]) -> str:
    org, n, name = u["party"], u["members"], u["name"]
    if org is COMMITTEE:
        return f"设立中国共产党{name}委员会，现有正式党员{n}名，在上级党组织领导下把方向、管大局、作决策、促改革、保落实。"
    if org is GENERAL:
        return f"设立中国共产党{name}总支部委员会，现有正式党员{n}名，下设若干党支部，发挥政治核心作用。"
    if org is BRANCH:
        kind = "支部委员会" if n >= 7 else "支部（不设支部委员会，设书记1名）"
        return f"设立中国共产党{name}{kind}，现有正式党员{n}名，发挥战斗堡垒作用。"
    return (f"正式党员{n}名，不足3名，不单独设立党组织，与{u['dept']}所属其他单位联合设立党支部"
            f"（联合党支部覆盖{u.get('joint_units', 2)}个单位）。")


def funding_sentence(u: dict[str, Any]) -> str:
    by = u.get("by_funding")
    if by:
        parts = "、".join(f"{k.value}{v}名" for k, v in by.items())
        return f"经费形式按编制分列：{parts}。"
    return f"经费形式为{u['fund'].value}。"


def other_matters(u: dict[str, Any]) -> str:
    lines = [
        f"（一）职责分工。{short(u['dept'])}负责全旗{u['domain']}的政策制定和监督管理，"
        f"{u['name']}承担相关事务性、技术性和服务性工作，不承担行政职能。",
        f"（二）党组织设置。{party_sentence(u)}",
        f"（三）经费保障。{funding_sentence(u)}",
    ]
    if u.get("transferred_from"):
        lines.append(f"（四）隶属关系。本单位由{u['transferred_from']}所属调整为{u['dept']}所属，"
                     "人员随单位整体划转。")
    return "\n".join(lines)


SANDING_SUPPLEMENTARY = f"本规定由{OFFICE}负责解释，其调整按规定程序办理。"


def organization_text(u: dict[str, Any]) -> str:
    p, d = u["titles"]
    text = f"本单位设{p}1名、{d}{u['deputies']}名，{p}全面负责行政和业务工作，{d}协助{p}工作。"
    organs = u.get("organs") or []
    if organs:
        text += f"本单位设{len(organs)}个内设机构：" + "、".join(o[0] for o in organs) + "。"
    else:
        text += "本单位不设内设机构。"
    text += "本单位建立职工大会制度，涉及职工切身利益的重大事项须经职工大会讨论。"
    return text


ASSETS = ("本单位资产属于国有资产，实行统一领导、归口管理、分级负责的管理体制。资产的配置、使用和处置"
          "按照《行政事业性国有资产管理条例》等规定办理，任何组织和个人不得侵占、挪用。")
DISCLOSURE = ("本单位按照《事业单位登记管理暂行条例》及其实施细则的规定，每年按时向登记管理机关报送年度报告，"
              "并向社会公示；依法公开单位基本信息、业务开展情况和财务情况，接受社会监督。")
TERMINATION = ("本单位因撤销、合并、分立等原因需要终止的，由举办单位提出意见，报机构编制部门批准后，"
               "在举办单位和有关部门指导下成立清算组进行清算，并向登记管理机关申请注销登记。"
               "终止后的剩余资产由举办单位按照国有资产管理规定收回，用于发展公益事业。")
CHARTER_SUPPLEMENTARY = "本章程经举办单位审核、登记管理机关核准后生效，由本单位负责解释。"


def amendment_text(u: dict[str, Any]) -> str:
    return (f"章程修改由本单位{u['titles'][0]}办公会议拟订，经本单位党组织研究、"
            f"举办单位{u['dept']}审核同意后，报登记管理机关核准。")


def staffing_structure(u: dict[str, Any]) -> dict[StaffStructure, int]:
    s = u["staffing"]
    if "structure" in u:
        mgmt, prof, work = u["structure"]
    else:
        mgmt = max(1, round(s * 0.15))
        work = round(s * 0.05) if s >= 20 else 0
        prof = s - mgmt - work
    assert mgmt + prof + work == s, u["name"]
    out = {StaffStructure.MANAGEMENT: mgmt, StaffStructure.PROFESSIONAL: prof}
    if work:
        out[StaffStructure.WORKER] = work
    return out


# --- 政事权限清单 -------------------------------------------------------------------------------

S, U_, J = QuanxianSubject.SUPERVISOR, QuanxianSubject.UNIT, QuanxianSubject.SHARED
PARTY, PERS, PAY = QuanxianCategory.PARTY, QuanxianCategory.PERSONNEL, QuanxianCategory.PAY
FIN, ARCH, OPS = QuanxianCategory.FINANCE, QuanxianCategory.ARCHIVES, QuanxianCategory.OPERATIONS
M = ExerciseMode

ZBTL = "《中国共产党支部工作条例（试行）》"
DWTL = "《中国共产党章程》和党内有关规定"  # a unit with a 党委 does not cite the 支部工作条例
RSTL = "《事业单位人事管理条例》"
LDRY = "《事业单位领导人员管理规定》"
JXGZ = "国家和自治区事业单位绩效工资有关规定"
CWGZ = "《事业单位财务规则》"
ZCTL = "《行政事业性国有资产管理条例》"
DAF = "《中华人民共和国档案法》"
GBDA = "《干部人事档案工作条例》"


def common_quanxian(sanding_ref: str, committee: bool = False) -> list[QuanxianItem]:
    party_basis = DWTL if committee else ZBTL
    return [
        QuanxianItem(S, PARTY, "领导和指导单位党组织建设，督促落实全面从严治党主体责任", M.GUIDE, party_basis),
        QuanxianItem(U_, PARTY, "组织开展党员发展、教育管理和“三会一课”等党组织日常工作", M.AUTONOMOUS,
                     party_basis),
        QuanxianItem(S, PERS, "按干部管理权限任免或聘任单位领导班子成员", M.APPOINT, LDRY),
        QuanxianItem(S, PERS, "审核单位岗位设置方案和公开招聘方案", M.REVIEW, f"{RSTL}第八条、第九条"),
        QuanxianItem(U_, PERS, "在核定的编制和岗位结构比例内组织公开招聘、竞聘上岗和聘用合同管理",
                     M.AUTONOMOUS, RSTL),
        QuanxianItem(U_, PERS, "按规定程序选拔任用中层管理人员，报主管部门备案", M.DECIDE, f"{RSTL}；{sanding_ref}"),
        QuanxianItem(S, PAY, "审核单位绩效工资总量和绩效工资分配方案", M.REVIEW, JXGZ),
        QuanxianItem(U_, PAY, "在核定的工资总量内制定内部考核和收入分配办法，经职工大会讨论后实施",
                     M.AUTONOMOUS, JXGZ),
        QuanxianItem(S, FIN, "审核单位年度预算、决算和大额资金使用", M.REVIEW, f"《中华人民共和国预算法》；{CWGZ}"),
        QuanxianItem(S, FIN, "监督单位国有资产的配置、使用和处置", M.SUPERVISE, ZCTL),
        QuanxianItem(U_, FIN, "在批准的预算内安排日常公用经费支出，建立内部控制制度", M.AUTONOMOUS, CWGZ),
        QuanxianItem(U_, FIN, "按规定权限处置单位价值较低的国有资产，处置结果报主管部门备案", M.DECIDE, ZCTL),
        QuanxianItem(S, ARCH, "指导监督单位文书档案和干部人事档案管理工作", M.GUIDE, f"{DAF}；{GBDA}"),
        QuanxianItem(U_, ARCH, "负责本单位文书档案、业务档案的收集、整理、归档和按期移交", M.AUTONOMOUS, DAF),
        QuanxianItem(S, OPS, "审议单位发展规划和年度工作计划", M.DELIBERATE, sanding_ref),
        QuanxianItem(S, OPS, "审核单位章程草案和章程修改草案", M.REVIEW, "《事业单位登记管理暂行条例实施细则》"),
        QuanxianItem(J, OPS, "共同落实安全生产、意识形态和保密工作责任", M.SUPERVISE, "《中华人民共和国安全生产法》"),
    ]


QUANXIAN_SPECIFIC: dict[str, list[QuanxianItem]] = {
    "示例旗融媒体中心": [
        QuanxianItem(S, OPS, "审核重大主题宣传报道方案和重要时间节点宣传安排", M.REVIEW, "《新闻出版广播影视管理有关规定》"),
        QuanxianItem(U_, OPS, "自主确定日常新闻选题、栏目设置和节目编排", M.AUTONOMOUS, "本单位“三定”规定第三条"),
        QuanxianItem(U_, OPS, "实行新闻稿件三审三校制度，对刊播内容负责", M.DECIDE, "广播电视和网络视听节目管理有关规定"),
    ],
    "示例旗农牧业技术推广中心": [
        QuanxianItem(S, OPS, "下达年度农牧业技术推广任务并开展绩效考核", M.DECIDE, "《中华人民共和国农业技术推广法》"),
        QuanxianItem(U_, OPS, "自主确定试验示范基地布局和技术推广方式", M.AUTONOMOUS, "《中华人民共和国农业技术推广法》"),
        QuanxianItem(U_, OPS, "组织基层技术推广人员开展包村联户技术服务", M.AUTONOMOUS, "本单位“三定”规定第三条"),
    ],
    "示例旗职业教育中心": [
        QuanxianItem(S, OPS, "核准专业设置和年度招生计划", M.RATIFY, "《中华人民共和国职业教育法》"),
        QuanxianItem(U_, OPS, "自主确定课程设置、教学安排和实习实训组织方式", M.AUTONOMOUS, "《中华人民共和国职业教育法》"),
        QuanxianItem(U_, OPS, "自主开展校企合作和职业技能提升项目", M.AUTONOMOUS, "本单位“三定”规定第三条"),
        QuanxianItem(U_, PERS, "自主聘请企业技术人员担任兼职教师", M.AUTONOMOUS, "《中华人民共和国职业教育法》"),
    ],
    "示例旗人民医院": [
        QuanxianItem(S, OPS, "监督医疗质量安全和公立医院绩效考核", M.SUPERVISE, "《医疗质量管理办法》"),
        QuanxianItem(S, OPS, "审核医共体建设方案和对口支援计划", M.REVIEW, "紧密型县域医疗卫生共同体建设有关规定"),
        QuanxianItem(U_, OPS, "自主组织诊疗活动，制定临床诊疗规范和医疗质量管理制度", M.AUTONOMOUS, "《医疗机构管理条例》"),
        QuanxianItem(U_, OPS, "开展医疗技术临床应用的院内评估和新技术新项目准入", M.DECIDE, "《医疗技术临床应用管理办法》"),
        QuanxianItem(U_, PERS, "自主开展医务人员院内培养和进修选派", M.AUTONOMOUS, RSTL),
    ],
    "示例旗疾病预防控制中心": [
        QuanxianItem(S, OPS, "下达年度疾病预防控制工作任务并组织考核评价", M.DECIDE, "《中华人民共和国传染病防治法》"),
        QuanxianItem(U_, OPS, "自主组织疾病监测、流行病学调查和实验室质量管理", M.AUTONOMOUS, "《中华人民共和国传染病防治法》"),
        QuanxianItem(U_, OPS, "按规定报告传染病疫情和突发公共卫生事件信息", M.DECIDE, "《突发公共卫生事件应急条例》"),
    ],
}

# --- explanations of the warnings the checker raises on the clean demo ------------------------
# (rule, unit, field, text). ``field`` must match the finding's field; write_demo attaches each to
# the finding's fingerprint.

EXPLANATIONS: list[tuple[str, str, str, str]] = [
    ("nm.suffix", "示例旗乌兰牧骑", "name",
     "“乌兰牧骑”是内蒙古自治区对基层综合性文艺工作队的统一专有名称（《内蒙古自治区乌兰牧骑条例》），"
     "全区各旗县乌兰牧骑均沿用此名称，不另加格级名。"),
    ("plan.min_unit_size", "示例旗烈士陵园管理所", "staffing",
     "本所承担示例旗烈士陵园的保护管理。依据《烈士纪念设施保护管理办法》，烈士纪念设施须明确保护管理单位，"
     "经旗委编委《关于保留示例旗烈士陵园管理所的批复》（示编委发〔2026〕4号）同意保留，核定事业编制5名。"),
]

# --- rounds with the level above, and its review comments on round 1 ------------------------------

ROUNDS = [
    Round(1, RoundDirection.UP, "2026-10-28", "报送改革方案和“三定”规定（初稿）"),
    Round(1, RoundDirection.RETURNED, "2026-11-12", "示例盟委编办审核意见：请按审核意见修改后重新报送"),
]
REVIEWER = "示例盟委编办"
REVIEW_COMMENTS = [
    ReviewComment(1, "开办资金由30万元增至45万元，增幅超过20%，请补充验资证明。", "charter",
                  "示例旗政务服务中心", "change_materials", REVIEWER),
    ReviewComment(1, "核定编制5名，触及旗县最小规模，请附保留依据文号并作出说明。", "plan",
                  "示例旗烈士陵园管理所", "staffing", REVIEWER),
    ReviewComment(1, "职责涉及不动产登记事务，请在“三定”中写明委托依据（法规名称和条款）。", "sanding",
                  "示例旗不动产登记中心", "legal_basis", REVIEWER),
]


# --- the method (issue 17): decisions, step marks, 三定 审理 with consultations, evaluations ----------
# The story: the plan passed the office's decision procedure and went up on 2026-10-28 with the 三定
# drafts; the league returned it on 2026-11-12. The drafting training is done; 22 of the 35 三定
# are in 审核协调 (consultations under way), the rest still in 酝酿起草. The 督查组 visited three
# pilot units early (so the 督查评估 step shows as begun but blocked: the units do not run yet).

METHOD_DECISIONS = [
    ("编办室务会议", "2026-10-12", "示编办室务会议纪要〔2026〕9号", "研究通过改革方案（初稿）和“三定”规定初稿"),
    ("协调小组会议", "2026-10-16", "示事改协调小组纪要〔2026〕2号", "原则同意，提请旗委编委会议审议"),
    ("编委会议", "2026-10-21", "示编委〔2026〕5号", "审议通过改革方案，同意报旗委常委会议"),
    ("党委常委会议", "2026-10-24", "示旗委常委会议纪要〔2026〕31号", "同意改革方案，报盟委编办审批"),
    ("报批", "2026-10-28", "示编发〔2026〕21号", "报送示例盟委编办"),
]
METHOD_MARKS = [
    {"step": WorkflowStep.TRAINING.value, "done_on": "2026-09-25", "doc_no": "示编办发〔2026〕15号",
     "note": "全旗“三定”规定、政事权限清单、章程起草培训班"},
]
METHOD_COORDINATING = 22  # the first 22 after-units have reached 审核协调
METHOD_CONSULTATIONS = [
    ("示例旗融媒体中心", "征求意见", "示例旗财政局", "2026-10-22", "2026-10-27",
     "同意核定事业编制，经费形式按财政全额拨款。", True, ""),
    ("示例旗融媒体中心", "征求意见", "示例旗人力资源和社会保障局", "2026-10-22", "2026-10-29",
     "建议内设机构由6个减为5个，新闻采编与新媒体合并。", False, "新媒体承担网评和应急发布，单设有利于24小时值守，已在“三定”中写明职责分工。"),
    ("示例旗融媒体中心", "协商会议", "示例旗委宣传部、示例旗财政局", "2026-11-03", "",
     "议定编制结构：管理岗位3名、专业技术岗位23名。", True, ""),
    ("示例旗农牧业技术推广中心", "征求意见", "示例旗农牧局", "2026-10-23", "2026-10-26",
     "同意“三定”初稿，增加“组织实施高标准农田技术指导”一项职责。", True, ""),
    ("示例旗农牧业技术推广中心", "征求意见", "示例旗财政局", "2026-10-23", "", "", None, ""),
    ("示例旗不动产登记中心", "征求意见", "示例旗自然资源局", "2026-10-24", "2026-10-30",
     "委托事项应写明依据条款。", True, ""),
    ("示例旗不动产登记中心", "协商会议", "示例旗自然资源局、示例旗司法局", "2026-11-05", "",
     "议定：不动产登记委托依据写明《不动产登记暂行条例》第七条。", True, ""),
    ("示例旗人民医院", "征求意见", "示例旗卫生健康委员会", "2026-10-25", "2026-11-02",
     "建议领导职数增加1名副职。", False, "领导职数已按编制规模核定上限，不再增加。"),
    ("示例旗社会保险事业服务中心", "征求意见", "示例旗人力资源和社会保障局", "2026-10-25", "2026-10-28",
     "同意。", True, ""),
]
METHOD_EVALUATIONS = [
    ("示例旗融媒体中心", "2026-11-26", "新闻宣传和应急发布职责运转正常，融合后采编流程已统一。",
     "核定26名，实有24名，空编2名待公开招聘。", "6个内设机构均已明确负责人。",
     "新媒体部与总编室职责存在交叉。", "12月底前修订内部职责分工。", "", "旗委督查室、旗委编办"),
    ("示例旗政务服务中心", "2026-11-27", "进驻事项按清单办理，窗口运行正常。", "编制使用在核定范围内。",
     "综合窗口已按新机构运行。", "", "", "", "旗委督查室、旗委编办"),
    ("示例旗农牧业技术推广中心", "2026-11-27", "技术推广和农牧业服务职责已承接。",
     "整合后实有人数超出核定编制3名。", "4个内设机构运行。", "超编人员消化计划未细化。",
     "制定3年内消化超编人员计划。", "已制定消化计划，经旗委编办备案（示编办函〔2026〕40号）。", "旗委编办"),
]

# --- assembly -----------------------------------------------------------------------------------


def build() -> dict[str, Any]:
    after_by_name = {u["name"]: u for u in AFTER}
    assert len(after_by_name) == len(AFTER)
    assert len(ORG_BODIES) == len(BEFORE) == len(set(ORG_BODIES)), (len(ORG_BODIES), len(BEFORE))

    before_units: list[Unit] = []
    destinations: dict[str, str] = {}
    codes: dict[str, str] = {}
    sources: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for spec, body in zip(BEFORE, ORG_BODIES, strict=True):
        codes[spec["name"]] = make_uscc(body)
        dest = spec["dest"]
        assert spec["disp"].needs_destination == (dest is not None), spec["name"]
        if dest is not None:
            assert dest in after_by_name, dest
            destinations[spec["name"]] = dest
            sources[dest].append(spec)

    # duties of each before-unit: carried (exact copies of the destination's 三定 duties) or elsewhere
    for spec in BEFORE:
        duties: list[str] = []
        if spec.get("carry"):
            target = after_by_name[spec["dest"]]["duties"]
            duties += [target[i] for i in spec["carry"]]
        if spec.get("carry_to"):
            name, idx = spec["carry_to"]
            duties += [after_by_name[name]["duties"][i] for i in idx]
        elsewhere = spec.get("elsewhere", [])
        duties += [d for d, _ in elsewhere]
        spec["_duties"] = duties
        spec["_elsewhere"] = [f"{d} → {where}" for d, where in elsewhere]
        assert duties, spec["name"]

    for spec in BEFORE:
        members = spec["members"]
        party = spec.get("party") or (BRANCH if members >= 3 else JOINT)
        before_units.append(Unit(
            phase=Phase.BEFORE, name=spec["name"], dept=spec["dept"], spec=spec["spec"], category=spec["cat"],
            funding=spec["fund"], staffing=spec["staffing"], actual=spec["actual"], uscc=codes[spec["name"]],
            service=spec.get("service", PUBLIC if spec["cat"] in (P1, P2) else None),
            leaders_principal=1, leaders_deputy=spec["deputies"], depts=BEFORE_ORGANS.get(spec["name"], 0),
            paizi=list(spec.get("paizi", [])), party_org=party, party_members=members,
            party_committee=party is BRANCH and members >= 7,
            joint_branch_units=3 if party is JOINT else None,
            remark=spec.get("remark", ""), disposition=spec["disp"],
            duties=spec["_duties"], duties_elsewhere=spec["_elsewhere"],
        ))

    incoming: Counter[str] = Counter()
    for _src, dest, count, _ in TRANSFERS:
        if not isinstance(dest, Placement):
            incoming[dest] += count

    after_units: list[Unit] = []
    documents: dict[str, dict[str, Any]] = {}
    doc_number = 11
    for u in AFTER:
        name = u["name"]
        srcs = sources.get(name, [])
        assert srcs or u.get("is_new"), name
        continuing = [s for s in srcs if s["disp"] in (KEEP, RENAME, TRANSFER)]
        assert len(continuing) <= 1, name
        uscc = codes[continuing[0]["name"]] if continuing else ""
        kept_in_place = sum(s["actual"] for s in srcs if s["disp"] in (KEEP, RENAME))
        actual = kept_in_place + incoming[name]
        organs = [Organ(name=o[0], spec=Spec.GU if u["spec"] in (ZK, FK) else None, duties=[o[2]], leaders=1,
                        staffing=o[1]) for o in u.get("organs", [])]
        party = u["party"]
        unit = Unit(
            phase=Phase.AFTER, name=name, dept=u["dept"], spec=u["spec"], category=u["cat"], funding=u["fund"],
            staffing=u["staffing"], actual=actual, uscc=uscc, service=u.get("service", PUBLIC),
            leaders_principal=1, leaders_deputy=u["deputies"], depts=len(organs), paizi=list(u.get("paizi", [])),
            party_org=party, party_members=u["members"],
            party_committee=party is BRANCH and u["members"] >= 7,
            joint_branch_units=u.get("joint_units") if party is JOINT else None,
            remark=u.get("remark", ""), staffing_by_funding=dict(u.get("by_funding", {})),
            is_new=bool(u.get("is_new")), exemption=u.get("exemption", ""), domain_note=u.get("domain_note", ""),
            overstaff_deadline=u.get("overstaff_deadline", ""),
        )
        after_units.append(unit)

        doc_number += 1
        p_title, d_title = u["titles"]
        sanding = Sanding(
            affiliation=u.get("affiliation", Affiliation.DEPARTMENT), duties=list(u["duties"]),
            legal_basis=u.get("legal_basis", ""), organs=organs, principal_title=p_title, deputy_title=d_title,
            organ_leaders=sum(o.leaders for o in organs), staffing_structure=staffing_structure(u),
            other_matters=other_matters(u), supplementary=SANDING_SUPPLEMENTARY,
            form=u.get("form", SandingForm.REPLY), approver=APPROVER, doc_no=f"示编发〔2026〕{doc_number}号",
            approved_on=f"2026-10-{13 + (doc_number - 12) // 4:02d}",  # issued in batches
        )
        materials: list[str] = []
        if any(s["name"] != name or s["dept"] != u["dept"] for s in srcs):
            materials.append("审批机关批准文件")
        if any(s["fund"] != u["fund"] for s in srcs):
            materials.append("经费来源证明")
        prev = u.get("previous_capital")
        if prev and abs(u["capital"] - prev) / prev > 0.2:
            materials.append("验资证明")
        charter = Charter(
            address=u["address"], funding_source=FUNDING_SOURCE_HINT[u["fund"]], capital=u["capital"],
            previous_capital=prev, sponsors=[u["dept"]], supervisor=u["dept"], registrar=REGISTRAR,
            leadership=u.get("leadership", LeadershipSystem.EXECUTIVE), purpose=u["purpose"],
            scope=list(u["scope"]), party_building=party_sentence(u), legal_rep_title=p_title,
            legal_rep_name=u["legal_rep"], organization=organization_text(u), assets=ASSETS, disclosure=DISCLOSURE,
            amendment=amendment_text(u), termination=TERMINATION, supplementary=CHARTER_SUPPLEMENTARY,
            change_materials=materials,
        )
        docs: dict[str, Any] = {"sanding": to_data(sanding), "charter": to_data(charter)}
        if u.get("pilot"):
            ref = f"《{name}机构职能编制规定》（示编发〔2026〕{doc_number}号）"
            items = common_quanxian(ref, u.get("party") is COMMITTEE) + QUANXIAN_SPECIFIC[name]
            docs["quanxian"] = to_data(Quanxian(
                supervisor=u["dept"], version="1", drafted_on="2026-11-10", doc_no=f"示编办发〔2026〕{doc_number}号",
                review_notes="主管部门初核：同意（2026-11-12）；旗委编办初审：同意（2026-11-18）", items=items,
            ))
        documents[name] = docs

    transfers = [
        TransferLine(source=src, count=count, target=None if isinstance(dest, Placement) else dest,
                     placement=dest if isinstance(dest, Placement) else None, remark=remark)
        for src, dest, count, remark in TRANSFERS
    ]
    before_total = sum(u.staffing for u in before_units)
    jurisdiction = Jurisdiction(name=REGION, code=REGION_CODE, level=Level.BANNER, unit_cap=40,
                                staff_cap=-(-before_total // 10) * 10)
    plan = PlanData(before=before_units, after=after_units, destinations=destinations, transfers=transfers,
                    jurisdiction=jurisdiction)
    validate(plan, documents)
    settings = plan_settings(plan, documents)
    return {
        "format": "sydw-demo",
        "version": 1,
        "jurisdiction": to_data(jurisdiction),
        "workflow_step": WorkflowStep.SANDING_REVIEW.value,
        "settings": settings,
        "before": [_compact(u) for u in before_units],
        "after": [_compact(u) for u in after_units],
        "destinations": destinations,
        "transfers": [_compact(t) for t in transfers],
        "documents": documents,
        "explanations": [{"rule": r, "unit": u, "field": f, "text": t} for r, u, f, t in EXPLANATIONS],
        "rounds": [_compact(r) for r in ROUNDS],
        "review_comments": [_compact(c) for c in REVIEW_COMMENTS],
        "method": method_data([u.name for u in after_units]),
    }


def method_data(after: list[str]) -> dict[str, Any]:
    """The method's records of the demo (see ``sydw_desktop/method/demo_records.py``)."""
    stages = []
    for i, name in enumerate(after):
        stages += [[name, "前期设计", "2026-09-15"], [name, "培训指导", "2026-09-25"],
                   [name, "酝酿起草", f"2026-10-{8 + i % 5:02d}"]]
        if i < METHOD_COORDINATING:
            stages.append([name, "审核协调", f"2026-10-{20 + i % 6:02d}"])
    consultations = [dict(zip(("unit", "kind", "party", "sent_on", "answered_on", "opinion", "adopted", "reason"),
                              c, strict=True)) for c in METHOD_CONSULTATIONS]
    evaluations = [dict(zip(("unit", "evaluated_on", "duties", "staffing", "internal", "problems", "demands",
                             "results", "evaluator"), e, strict=True)) for e in METHOD_EVALUATIONS]
    for item in (*consultations, *evaluations):
        assert item["unit"] in after, item["unit"]
    return {
        "decisions": [dict(zip(("kind", "held_on", "doc_no", "result"), d, strict=True)) for d in METHOD_DECISIONS],
        "step_marks": METHOD_MARKS,
        "stages": stages,
        "consultations": consultations,
        "evaluations": evaluations,
    }


def _compact(obj: Any) -> dict[str, Any]:
    """``to_data`` without ``id`` and the fields that hold their default (the loader restores them)."""
    data = to_data(obj)
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        if f.name == "id":
            continue
        if f.default_factory is not dataclasses.MISSING:
            default: Any = to_data(f.default_factory())
        elif f.default is not dataclasses.MISSING:
            default = to_data(f.default)
        else:
            out[f.name] = data[f.name]
            continue
        if data[f.name] != default:
            out[f.name] = data[f.name]
    return out


# --- checks of the plan's own arithmetic (independent of the rules engine) ---------------------

MAX_LEADERS = [(10, 2), (50, 3), (100, 4), (200, 5), (400, 6), (600, 7)]
GONGYI1_WORDS = ["经营", "销售", "营利", "有偿服务", "对外承揽"]
ADMIN_WORDS = ["行政许可", "行政处罚", "行政强制", "行政检查", "行政征收", "行政确认", "审批", "执法"]
DOMAIN_WORDS = ["信息中心", "数据", "信息化", "培训中心", "疗养", "干部培训", "报社", "杂志社", "期刊", "传媒",
                "融媒体", "广播电视", "公共资源交易", "机关事务", "后勤服务", "机关服务", "招待所", "接待中心",
                "检验", "检测", "认证", "计量测试"]
INSTITUTION_SUFFIXES = ("中心", "馆", "所", "站", "台", "社", "院", "校", "队", "团", "园")


def _bigrams(text: str) -> set[str]:
    t = "".join(c for c in text if c.isalnum())
    return {t[i : i + 2] for i in range(len(t) - 1)}


def max_leaders(staffing: int) -> int:
    return next((v for m, v in MAX_LEADERS if staffing <= m), 8)


def validate(plan: PlanData, documents: dict[str, dict[str, Any]]) -> None:
    before = {u.name: u for u in plan.before}
    after = {u.name: u for u in plan.after}
    j = plan.jurisdiction
    assert j is not None and j.unit_cap is not None and j.staff_cap is not None
    # 两个不突破
    assert len(after) <= j.unit_cap and len(after) <= len(before)
    total_before = sum(u.staffing for u in before.values())
    total_after = sum(u.staffing for u in after.values())
    assert total_after <= total_before <= j.staff_cap
    # every 改革方式 used; categories and dispositions
    assert {u.disposition for u in before.values()} == set(Disposition)
    for u in before.values():
        if u.category is ADM:
            assert u.disposition in (FN_ADMIN, TO_ADMIN), u.name
        if u.category is BIZ:
            assert u.disposition in (TO_ENT, ABOLISH), u.name
        assert u.category is not Category.UNCLASSIFIED
    assert any(u.is_new for u in after.values())
    # people
    out: Counter[str] = Counter()
    for t in plan.transfers:
        out[t.source] += t.count
        assert t.source in before and (t.target is None or t.target in after), t
    for u in before.values():
        if u.disposition and not u.disposition.keeps_people_in_place:
            assert out[u.name] == u.actual, (u.name, out[u.name], u.actual)
        else:
            assert out[u.name] == 0, u.name
    paizi_before = sum(len(u.paizi) for u in before.values())
    paizi_after = sum(len(u.paizi) for u in after.values())
    assert paizi_after <= paizi_before
    all_names = [*after, *(p for u in after.values() for p in u.paizi)]
    assert len(all_names) == len(set(all_names))
    codes = [u.uscc for u in after.values() if u.uscc]
    assert len(codes) == len(set(codes))
    for u in after.values():
        sd = documents[u.name]["sanding"]
        ch = documents[u.name]["charter"]
        assert u.name.startswith(REGION) and u.category in (P1, P2)
        assert u.spec.rank <= ZK.rank
        assert u.staffing > 5 or u.exemption, u.name
        assert 1 <= u.leaders <= max_leaders(u.staffing), u.name
        assert (u.actual or 0) <= u.staffing or u.overstaff_deadline, (u.name, u.actual, u.staffing)
        assert len(u.paizi) <= 1
        if u.party_members is not None and u.party_members >= 3:
            assert u.party_org in (BRANCH, GENERAL, COMMITTEE), u.name
            if u.party_org is BRANCH:
                assert u.party_members <= 50 and u.party_committee == (u.party_members >= 7)
        else:
            assert u.party_org is JOINT and (u.joint_branch_units or 0) <= 5
        if u.staffing_by_funding:
            assert sum(u.staffing_by_funding.values()) == u.staffing
        # 三定
        assert 6 <= len(sd["duties"]) <= 10, u.name
        assert sd["duties"][-1].startswith("完成旗") and sd["duties"][-1].endswith("交办的其他任务。")
        organs = sd["organs"]
        assert u.depts == len(organs)
        if u.staffing < 20:
            assert not organs, u.name
        else:
            assert len(organs) <= u.staffing // 5
        if organs:
            assert sum(o["staffing"] for o in organs) + u.leaders <= u.staffing, u.name
            assert u.spec in (ZK, FK) and all(o["spec"] == Spec.GU.value for o in organs)
        assert sum(sd["staffing_structure"].values()) == u.staffing
        text = "".join(sd["duties"]) + "".join(d for o in organs for d in o["duties"])
        found = [w for w in ADMIN_WORDS if w in text]
        assert not found or sd["legal_basis"], (u.name, found)
        # 章程
        for key in ("address", "funding_source", "capital", "sponsors", "registrar", "purpose", "scope",
                    "party_building", "legal_rep_title", "legal_rep_name", "organization", "assets",
                    "disclosure", "amendment", "termination"):
            assert ch[key], (u.name, key)
        assert ch["sponsors"] == [u.dept] and ch["legal_rep_title"] == sd["principal_title"]
        unrelated = [item for item in ch["scope"] if not _bigrams(item) & _bigrams(ch["purpose"])]
        assert not unrelated, (u.name, unrelated)
        if u.category is P1:
            words = [w for w in GONGYI1_WORDS if w in "".join(sd["duties"]) + "".join(ch["scope"])]
            assert not words, (u.name, words)
        if not u.domain_note:
            hits = [w for w in DOMAIN_WORDS if w in u.name + ch["purpose"]]
            assert not hits, (u.name, hits)
        assert u.name.endswith(INSTITUTION_SUFFIXES) or u.name == "示例旗乌兰牧骑", u.name
    pilots = [n for n, d in documents.items() if "quanxian" in d]
    assert len(pilots) >= 5
    for n in pilots:
        items = documents[n]["quanxian"]["items"]
        assert 15 <= len(items) <= 25, (n, len(items))
        cats = {(i["subject"], i["category"]) for i in items}
        for c in ("党建工作", "干部人事", "收入分配", "财务资产管理", "档案管理", "业务运行"):
            assert ("主管部门", c) in cats and ("事业单位", c) in cats, (n, c)
    # every duty of a changed before-unit is carried or placed
    after_duties = {d for docs in documents.values() for d in docs["sanding"]["duties"]}
    for u in before.values():
        placed = {e.split(" → ")[0] for e in u.duties_elsewhere}
        for d in u.duties:
            assert d in after_duties or d in placed, (u.name, d)
    assert len({u.dept for u in before.values()}) >= 12


# --- plan-level settings the rules read (docs/rules-settings.md) ------------------------------


def plan_settings(plan: PlanData, documents: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    depts = sorted({u.dept for u in (*plan.before, *plan.after)})
    after_staffing = {u.name: u.staffing for u in plan.after}
    incoming: Counter[str] = Counter()
    for u in plan.before:
        if u.name in plan.destinations:
            incoming[plan.destinations[u.name]] += u.staffing
    recovered = sum(max(0, incoming[n] - s) for n, s in after_staffing.items())
    records = {}
    for u in plan.after:
        ch = documents[u.name]["charter"]
        records[u.name] = {
            "name": u.name, "address": ch["address"], "type": u.category.value,
            "funding_source": ch["funding_source"], "capital": ch["capital"], "sponsors": ch["sponsors"],
        }
    pilots = [n for n, d in documents.items() if "quanxian" in d]
    return [
        {"key": "dept_specs", "label": "主管部门机构规格", "value": {d: Spec.ZHENG_KE.value for d in depts}},
        {"key": "registration_records", "label": "登记事项（登记管理机关预核准）", "value": records},
        {"key": "quanxian_pilot_units", "label": "政事权限清单试点单位", "value": pilots},
        {"key": "recovered_staffing", "label": "方案写明的收回编制数", "value": recovered},
        {"key": "doc.committee", "label": "编委名称", "value": APPROVER},
        {"key": "doc.office", "label": "编办名称", "value": OFFICE},
        {"key": "doc.upper", "label": "请示主送机关", "value": "中共示例盟委员会机构编制委员会"},
        {"key": "doc.request_no", "label": "请示文号", "value": "示编委发〔2026〕15号"},
        {"key": "doc.signatory", "label": "请示签发人", "value": "巴特尔"},
        {"key": "doc.signer", "label": "报送人", "value": "王海燕"},
    ]


# --- the flawed training variant ------------------------------------------------------------------


def flaws(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Problems planted in ``sydw demo --flawed``: each a different rule on a different unit."""
    library = next(u for u in data["after"] if u["name"] == "示例旗图书馆")["uscc"]
    wrong = library[:17] + USCC_CHARS[(USCC_CHARS.index(library[17]) + 1) % 31]

    def problem(rule: str, unit: str, description: str, *changes: dict[str, Any]) -> dict[str, Any]:
        return {"rule": rule, "unit": unit, "description": description, "changes": list(changes)}

    def ch(section: str, unit: str, field: str, value: Any, op: str = "set", **extra: Any) -> dict[str, Any]:
        return {"op": op, "section": section, "unit": unit, "field": field, "value": value, **extra}

    return [
        problem("plan.min_unit_size", "示例旗统计监测服务中心",
                "改革后保留的单位核定编制只有4名，旗县不再保留5名以下的事业单位"
                "（连带：实有人数超编，方案写明的收回编制数与台账不符）。",
                ch("after", "示例旗统计监测服务中心", "staffing", 4),
                ch("sanding", "示例旗统计监测服务中心", "staffing_structure", {"管理人员": 1, "专业技术人员": 3})),
        problem("uscc.checksum", "示例旗图书馆",
                "统一社会信用代码最后一位（校验码）录错了，改革前后都沿用了错误的代码。",
                ch("before", "示例旗图书馆", "uscc", wrong), ch("after", "示例旗图书馆", "uscc", wrong)),
        problem("sd.spec_by_level", "示例旗乌兰牧骑", "旗县事业单位的机构规格写成了正处级，超过正科级上限。",
                ch("after", "示例旗乌兰牧骑", "spec", Spec.ZHENG_CHU.value)),
        problem("plan.paizi_count", "示例旗文化馆", "一个单位加挂了两块牌子，超过每单位1块的控制数。",
                ch("after", "示例旗文化馆", "paizi", "示例旗美术馆", op="append")),
        problem("x.people", "示例旗政府宾馆", "转企改制单位的人员转隶少算1人：各去向人数之和14人，实有15人。",
                ch("transfers", "示例旗政府宾馆", "count", 12, to=Placement.ENTERPRISE.value)),
        problem("plan.category_disposition", "示例旗殡仪馆",
                "单位类别填为“从事生产经营活动”却仍予保留，应转企改制或撤销（或核实类别）。",
                ch("before", "示例旗殡仪馆", "category", Category.BUSINESS.value)),
        problem("ch.required_items", "示例旗档案史志馆", "章程漏填住所。",
                ch("charter", "示例旗档案史志馆", "address", "")),
        problem("sd.sections", "示例旗水利事业发展中心", "“三定”规定没有写主要职责。",
                ch("sanding", "示例旗水利事业发展中心", "duties", [])),
        problem("x.attributes", "示例旗城乡建设服务中心", "方案中的内设机构数填了5个，“三定”只列了3个。",
                ch("after", "示例旗城乡建设服务中心", "depts", 5)),
        problem("nm.suffix", "示例旗社会福利服务局",
                "改革后的事业单位名称以“局”结尾，用了机关的格级名。",
                {"op": "rename", "section": "after", "unit": "示例旗社会福利服务中心", "value": "示例旗社会福利服务局"}),
        problem("ch.registration_match", "示例旗职业教育中心",
                "章程的开办资金（280万元）与登记管理机关预核准的登记事项（260万元）不一致。",
                ch("charter", "示例旗职业教育中心", "capital", 280.0)),
        problem("sd.leader_quota", "示例旗哈达水库管理所",
                "核定编制10名却核了4名领导职数（1正3副），超过10名以下单位2名的上限。",
                ch("after", "示例旗哈达水库管理所", "leaders_deputy", 3)),
        problem("sd.admin_power", "示例旗林业有害生物防治检疫站",
                "公益类单位的“三定”职责写了“执法”事项，却没有写明法律法规授权依据。",
                ch("sanding", "示例旗林业有害生物防治检疫站", "duties", [
                    *next(u for u in AFTER if u["name"] == "示例旗林业有害生物防治检疫站")["duties"][:-1],
                    "承担林业植物检疫执法和违法案件查处工作。",
                    "完成旗林业和草原局交办的其他任务。",
                ])),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the file on disk")
    args = parser.parse_args()
    data = build()
    flawed = {
        "format": "sydw-demo-flaws",
        "version": 1,
        "description": "培训用示例工作区（sydw demo --flawed）在示例旗数据上预置的问题。每条问题列出对数据的修改、"
        "检查时应报告的规则编号和单位，以及给培训老师的一句说明。",
        "problems": flaws(data),
    }
    outputs = {OUT: data, FLAWED_OUT: flawed}
    texts = {path: json.dumps(value, ensure_ascii=False, indent=1) + "\n" for path, value in outputs.items()}
    if args.check:
        stale = [p.name for p, t in texts.items() if not p.exists() or p.read_text(encoding="utf-8") != t]
        print("不一致：请重新运行本脚本（" + "、".join(stale) + "）" if stale else "一致")
        return 1 if stale else 0
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"已写入 {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
