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
    """Create or update the starting terms; safe to run again."""
    count = 0
    with transaction.atomic():
        for vocabulary, slug, order, names, years in _rows():
            defaults = {"order": order, **names}
            if years:
                defaults["earliest_year"], defaults["latest_year"] = years
            Term.objects.update_or_create(vocabulary=vocabulary, slug=slug, defaults=defaults)
            count += 1
    return count
