"""The managed vocabularies we start with, in four languages (en, zh-hans, kk, ru).

Curators add terms in the admin; imports refuse terms that are not here. Period years are
signed (BCE negative) and approximate, as in the literature on the history of Kazakhstan.
"""

from __future__ import annotations

from django.db import transaction

from shanyraq.collection.models import Term

V = Term.Vocabulary

# (slug, en, zh-hans, kk, ru[, earliest, latest])
CATEGORIES = [
    ("archaeology", "Archaeology", "考古", "Археология", "Археология"),
    ("jewelry-art", "Jewelry art", "珠宝艺术", "Зергерлік өнер", "Ювелирное искусство"),
    ("weapons", "Weapons craftsmanship", "兵器工艺", "Қару-жарақ шеберлігі", "Оружейное мастерство"),
    ("musical-instruments", "Musical instruments", "乐器", "Музыкалық аспаптар", "Музыкальные инструменты"),
    ("ethnography", "Ethnography", "民族志", "Этнография", "Этнография"),
    ("textiles", "Textiles and felt", "纺织品与毡制品", "Тоқыма және киіз бұйымдары", "Текстиль и войлок"),
    ("manuscripts", "Manuscripts and books", "手稿与书籍", "Қолжазбалар мен кітаптар", "Рукописи и книги"),
    ("decorative-arts", "Decorative arts", "装饰艺术", "Сәндік өнер", "Декоративное искусство"),
    ("fine-arts", "Fine arts", "美术", "Бейнелеу өнері", "Изобразительное искусство"),
    ("numismatics", "Coins and medals", "钱币与奖章", "Теңгелер мен медальдар", "Монеты и медали"),
]

PERIODS = [
    (
        "bronze-age",
        "Bronze Age (Andronovo culture)",
        "青铜时代（安德罗诺沃文化）",
        "Қола дәуірі (Андронов мәдениеті)",
        "Бронзовый век (андроновская культура)",
        -2000,
        -800,
    ),
    ("saka", "Saka period", "塞种时期", "Сақ дәуірі", "Сакский период", -800, -200),
    ("wusun", "Wusun period", "乌孙时期", "Үйсін дәуірі", "Усуньский период", -200, 500),
    ("hunnic", "Hunnic period", "匈奴时期", "Ғұн дәуірі", "Гуннский период", -200, 500),
    ("turkic-khaganate", "Turkic Khaganate", "突厥汗国", "Түрік қағанаты", "Тюркский каганат", 552, 744),
    (
        "karakhanid",
        "Karakhanid period",
        "喀喇汗王朝时期",
        "Қарахан дәуірі",
        "Караханидский период",
        840,
        1212,
    ),
    ("golden-horde", "Golden Horde", "金帐汗国", "Алтын Орда", "Золотая Орда", 1242, 1502),
    (
        "kazakh-khanate",
        "Kazakh Khanate (1465-1847)",
        "哈萨克汗国（1465—1847年）",
        "Қазақ хандығы (1465-1847)",
        "Казахское ханство (1465-1847)",
        1465,
        1847,
    ),
    (
        "19th-early-20th",
        "19th to early 20th century",
        "19世纪至20世纪初",
        "XIX ғасыр - XX ғасырдың басы",
        "XIX - начало XX века",
        1800,
        1930,
    ),
    (
        "contemporary",
        "Contemporary (after 1930)",
        "当代（1930年以后）",
        "Қазіргі заман (1930 жылдан кейін)",
        "Современность (после 1930 года)",
        1931,
        2100,
    ),
]

MATERIALS = [
    ("gold", "gold", "金", "алтын", "золото"),
    ("silver", "silver", "银", "күміс", "серебро"),
    ("bronze", "bronze", "青铜", "қола", "бронза"),
    ("copper", "copper", "铜", "мыс", "медь"),
    ("iron", "iron", "铁", "темір", "железо"),
    ("steel", "steel", "钢", "болат", "сталь"),
    ("wood", "wood", "木", "ағаш", "дерево"),
    ("leather", "leather", "皮革", "былғары", "кожа"),
    ("felt", "felt", "毡", "киіз", "войлок"),
    ("wool", "wool", "羊毛", "жүн", "шерсть"),
    ("silk", "silk", "丝绸", "жібек", "шёлк"),
    ("cotton", "cotton", "棉", "мақта", "хлопок"),
    ("velvet", "velvet", "天鹅绒", "барқыт", "бархат"),
    ("horn", "horn", "角", "мүйіз", "рог"),
    ("bone", "bone", "骨", "сүйек", "кость"),
    ("horsehair", "horsehair", "马鬃", "қылшық", "конский волос"),
    ("gut", "gut strings", "羊肠弦", "ішек", "жильные струны"),
    ("carnelian", "carnelian", "红玉髓", "карнеол", "сердолик"),
    ("turquoise", "turquoise", "绿松石", "көгілдір фируза", "бирюза"),
    ("coral", "coral", "珊瑚", "маржан", "коралл"),
    ("pearl", "pearl", "珍珠", "інжу", "жемчуг"),
    ("ceramic", "ceramic", "陶瓷", "қыш", "керамика"),
    ("paper", "paper", "纸", "қағаз", "бумага"),
    ("glass", "glass", "玻璃", "шыны", "стекло"),
    ("stone", "stone", "石", "тас", "камень"),
    ("plaster", "plaster", "石膏", "гипс", "гипс"),
    ("sinew", "sinew", "筋", "сіңір", "сухожилие"),
]

TECHNIQUES = [
    ("casting", "casting", "铸造", "құю", "литьё"),
    ("forging", "forging", "锻造", "соғу", "ковка"),
    ("chasing", "chasing", "錾刻", "бедерлеу", "чеканка"),
    ("engraving", "engraving", "雕刻", "гравюралау", "гравировка"),
    ("filigree", "filigree", "花丝", "ширатпа (филигрань)", "филигрань"),
    ("granulation", "granulation", "金珠粒工艺", "түйіршіктеу (зернь)", "зернь"),
    ("niello", "niello", "乌银镶嵌", "қарала (ниелло)", "чернение"),
    ("gilding", "gilding", "鎏金", "алтындау", "золочение"),
    ("inlay", "inlay", "镶嵌", "инкрустация", "инкрустация"),
    ("carving", "carving", "雕刻（木、骨）", "оймыш", "резьба"),
    ("felting", "felting", "擀毡", "киіз басу", "валяние"),
    ("applique", "appliqué", "贴花", "аппликация", "аппликация"),
    ("embroidery", "embroidery", "刺绣", "кесте", "вышивка"),
    ("weaving", "weaving", "编织", "тоқу", "ткачество"),
    ("stamping", "stamping", "冲压", "таңбалау", "штамповка"),
    ("painting", "painting", "绘画", "бояу", "роспись"),
]

OBJECT_TYPES = [
    ("ceremonial-costume", "ceremonial costume", "礼仪服饰", "салтанатты киім", "церемониальный костюм"),
    ("cauldron", "cauldron", "鍑", "қазан", "котёл"),
    ("plaque", "plaque", "牌饰", "тақта", "бляха"),
    ("mirror", "mirror", "镜", "айна", "зеркало"),
    ("vessel", "vessel", "容器", "ыдыс", "сосуд"),
    ("headdress", "headdress", "头饰", "бас киім", "головной убор"),
    ("bracelet", "bracelet", "手镯", "білезік", "браслет"),
    ("ring", "ring", "戒指", "жүзік", "перстень"),
    ("earring", "earring", "耳环", "сырға", "серьга"),
    ("pendant", "pendant", "吊坠", "алқа", "подвеска"),
    ("sabre", "sabre", "马刀", "қылыш", "сабля"),
    ("bow", "bow", "弓", "садақ", "лук"),
    ("arrowhead", "arrowhead", "箭镞", "жебе ұшы", "наконечник стрелы"),
    ("dagger", "dagger", "短剑", "қанжар", "кинжал"),
    ("helmet", "helmet", "头盔", "дулыға", "шлем"),
    ("chordophone", "string instrument", "弦乐器", "ішекті аспап", "струнный инструмент"),
    ("aerophone", "wind instrument", "管乐器", "үрмелі аспап", "духовой инструмент"),
    ("idiophone", "percussion instrument", "打击乐器", "ұрмалы аспап", "ударный инструмент"),
    ("rug", "rug", "地毯", "кілем", "ковёр"),
    ("yurt-part", "yurt component", "毡房构件", "киіз үй бөлігі", "деталь юрты"),
    ("horse-tack", "horse tack", "马具", "ат әбзелі", "конская сбруя"),
    ("garment", "garment", "服装", "киім", "одежда"),
    ("chest", "chest", "箱柜", "сандық", "сундук"),
    ("manuscript-leaf", "manuscript leaf", "手稿页", "қолжазба парағы", "лист рукописи"),
    ("coin", "coin", "硬币", "теңге", "монета"),
    ("figure", "figure", "塑像", "мүсін", "фигура"),
    ("belt", "belt", "腰带", "белбеу", "пояс"),
    ("axe", "axe", "斧", "балта", "топор"),
    ("quiver", "quiver", "箭囊", "қорамсақ", "колчан"),
    ("offering-table", "offering table", "祭台", "құрбандық үстелі", "жертвенный стол"),
]


# Getty Art & Architecture Thesaurus subject ids per term, keyed by (vocabulary, slug).
# Every id here was found stated for the same concept in a public source; the source, the AAT
# label and the terms left without an id (and why) are listed in docs/collection/aat-sources.md.
# A term missing here has no verified id: a wrong id is worse than none.
AAT_IDS: dict[tuple[str, str], str] = {
    # Categories: the AAT concept the category is named after (disciplines, object genres).
    (V.CATEGORY, "archaeology"): "300054328",  # archaeology
    (V.CATEGORY, "jewelry-art"): "300209286",  # jewelry
    (V.CATEGORY, "weapons"): "300036926",  # weapons
    (V.CATEGORY, "musical-instruments"): "300041620",  # musical instruments
    (V.CATEGORY, "ethnography"): "300054319",  # ethnography (discipline)
    (V.CATEGORY, "textiles"): "300014063",  # textiles
    (V.CATEGORY, "decorative-arts"): "300054168",  # decorative arts
    (V.CATEGORY, "fine-arts"): "300054195",  # fine arts
    (V.CATEGORY, "numismatics"): "300054419",  # numismatics
    # Materials
    (V.MATERIAL, "gold"): "300011021",
    (V.MATERIAL, "silver"): "300011029",
    (V.MATERIAL, "bronze"): "300010957",
    (V.MATERIAL, "copper"): "300011020",
    (V.MATERIAL, "iron"): "300011002",
    (V.MATERIAL, "steel"): "300133751",
    (V.MATERIAL, "wood"): "300011914",
    (V.MATERIAL, "leather"): "300011845",
    (V.MATERIAL, "felt"): "300014107",  # felt (textile)
    (V.MATERIAL, "wool"): "300014074",  # wool (textile)
    (V.MATERIAL, "silk"): "300014072",  # silk (textile)
    (V.MATERIAL, "cotton"): "300014067",  # cotton (textile)
    (V.MATERIAL, "horn"): "300011826",
    (V.MATERIAL, "bone"): "300011798",
    (V.MATERIAL, "horsehair"): "300011819",
    (V.MATERIAL, "gut"): "300193289",
    (V.MATERIAL, "turquoise"): "300011164",
    (V.MATERIAL, "coral"): "300011800",
    (V.MATERIAL, "pearl"): "300011827",
    (V.MATERIAL, "ceramic"): "300235507",  # ceramic (material)
    (V.MATERIAL, "paper"): "300014109",
    (V.MATERIAL, "glass"): "300010797",
    (V.MATERIAL, "stone"): "300011176",  # stone (worked rock)
    (V.MATERIAL, "plaster"): "300014922",
    (V.MATERIAL, "sinew"): "300192952",
    # Techniques
    (V.TECHNIQUE, "casting"): "300053104",
    (V.TECHNIQUE, "forging"): "300054033",
    (V.TECHNIQUE, "chasing"): "300054016",
    (V.TECHNIQUE, "engraving"): "300053829",  # engraving the surface, not the printing process
    (V.TECHNIQUE, "granulation"): "300054021",
    (V.TECHNIQUE, "niello"): "300054022",
    (V.TECHNIQUE, "gilding"): "300053789",
    (V.TECHNIQUE, "inlay"): "300053850",
    (V.TECHNIQUE, "carving"): "300053149",
    (V.TECHNIQUE, "applique"): "300053646",
    (V.TECHNIQUE, "embroidery"): "300053653",  # embroidering (the process)
    (V.TECHNIQUE, "weaving"): "300053642",
    (V.TECHNIQUE, "stamping"): "300053138",
    (V.TECHNIQUE, "painting"): "300054216",
    # Object types
    (V.OBJECT_TYPE, "cauldron"): "300196395",
    (V.OBJECT_TYPE, "plaque"): "300010262",  # plaques (flat objects)
    (V.OBJECT_TYPE, "mirror"): "300037682",
    (V.OBJECT_TYPE, "vessel"): "300193015",  # vessels (containers)
    (V.OBJECT_TYPE, "headdress"): "300046023",
    (V.OBJECT_TYPE, "bracelet"): "300045991",
    (V.OBJECT_TYPE, "ring"): "300046012",  # rings (jewelry)
    (V.OBJECT_TYPE, "earring"): "300045998",
    (V.OBJECT_TYPE, "pendant"): "300046002",  # pendants (jewelry)
    (V.OBJECT_TYPE, "sabre"): "300037086",  # sabers
    (V.OBJECT_TYPE, "bow"): "300036999",  # bows (weapons)
    (V.OBJECT_TYPE, "arrowhead"): "300024861",
    (V.OBJECT_TYPE, "dagger"): "300037058",
    (V.OBJECT_TYPE, "helmet"): "300036794",
    (V.OBJECT_TYPE, "chordophone"): "300041641",  # chordophones
    (V.OBJECT_TYPE, "aerophone"): "300042274",  # wind instruments, as the term is labelled
    (V.OBJECT_TYPE, "idiophone"): "300041726",  # percussion instruments: it also holds drums
    (V.OBJECT_TYPE, "rug"): "300185749",  # rugs (textiles)
    (V.OBJECT_TYPE, "garment"): "300266639",  # clothing
    (V.OBJECT_TYPE, "chest"): "300038992",  # chests (case furniture)
    (V.OBJECT_TYPE, "coin"): "300037222",  # coins (money)
    (V.OBJECT_TYPE, "figure"): "300189808",  # figures (representations)
    (V.OBJECT_TYPE, "belt"): "300210002",  # belts (costume accessories)
    (V.OBJECT_TYPE, "axe"): "300036982",  # axes (weapons)
    (V.OBJECT_TYPE, "quiver"): "300036930",
}


def _rows():
    for vocabulary, rows in (
        (V.CATEGORY, CATEGORIES),
        (V.PERIOD, PERIODS),
        (V.MATERIAL, MATERIALS),
        (V.TECHNIQUE, TECHNIQUES),
        (V.OBJECT_TYPE, OBJECT_TYPES),
    ):
        for order, row in enumerate(rows, start=1):
            slug, en, zh, kk, ru, *years = row
            yield (
                vocabulary,
                slug,
                order,
                {"name_en": en, "name_zh_hans": zh, "name_kk": kk, "name_ru": ru},
                years,
            )


def vocabularies_load() -> int:
    """Create or update the starting terms; safe to run again.

    Names, order and years follow this file on every run. An AAT id is only filled where the
    term has none: a curator who typed a different id by hand keeps it (theirs is the later,
    more specific judgement), and running the load again changes nothing.
    """
    count = 0
    with transaction.atomic():
        for vocabulary, slug, order, names, years in _rows():
            defaults = {"order": order, **names}
            if years:
                defaults["earliest_year"], defaults["latest_year"] = years
            Term.objects.update_or_create(vocabulary=vocabulary, slug=slug, defaults=defaults)
            count += 1
        for (vocabulary, slug), aat_id in AAT_IDS.items():
            Term.objects.filter(vocabulary=vocabulary, slug=slug, aat_id="").update(aat_id=aat_id)
    return count
