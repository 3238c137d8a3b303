"""A small realistic multilingual corpus for the search tests (about 70 documents).

Titles and names are real works, people and objects of Kazakh, Russian and Chinese culture as a
cultural center in Beijing would hold them; descriptions are short and written for the tests.
"""

from __future__ import annotations

from shanyraq.search.documents import SearchDocument


def rec(oid: str, title: str, names: list[str] | None = None, text: str = "", public: bool = True):
    return SearchDocument(
        kind="record",
        object_id=oid,
        titles={"": title},
        names=names or [],
        text=text,
        path=f"/library/records/{oid}/",
        summaries={"": text[:80]},
        public=public,
    )


def multi(kind: str, oid: str, en: str, kk: str, ru: str, zh: str, text: str = "", names=None, public=True):
    return SearchDocument(
        kind=kind,
        object_id=oid,
        titles={"en": en, "kk": kk, "ru": ru, "zh-hans": zh},
        names=names or [],
        text=text,
        path=f"/{kind}s/{oid}/",
        summaries={"en": text[:80]},
        public=public,
    )


RECORDS = [
    rec("abai-joly", "Абай жолы", ["Abai joly", "Мұхтар Әуезов"], "Роман-эпопея о жизни Абая. Тарихи роман."),
    rec(
        "qara-sozder", "Қара сөздер", ["Qara sözder", "Абай Құнанбайұлы"], "Ғақлия. Философиялық шығармалар."
    ),
    rec("kokserek", "Көксерек", ["Мұхтар Әуезов"], "Әңгіме. Қасқыр туралы."),
    rec("kan-men-ter", "Қан мен тер", ["Әбдіжәміл Нұрпейісов"], "Трилогия. Арал өңірі."),
    rec("koshpendiler", "Көшпенділер", ["Ілияс Есенберлин"], "Тарихи трилогия. Қазақ хандығы."),
    rec("men-qazaqpyn", "Мен қазақпын", ["Жұбан Молдағалиев"], "Поэма."),
    rec("aqbilek", "Ақбілек", ["Жүсіпбек Аймауытов"], "Роман. Қыз тағдыры."),
    rec("qyz-zhibek", "Қыз Жібек", ["Халық эпосы"], "Лиро-эпостық жыр."),
    rec("jambyl", "Жамбыл Жабаев. Өлеңдер мен дастандар", ["Жамбыл Жабаев"], "Ақын. Айтыс."),
    rec("shoqan", "Шоқан Уәлиханов. Таңдамалы шығармалар", ["Шоқан Уәлиханов"], "Ғалым, саяхатшы. Қашғария."),
    rec("magzhan", "Мағжан Жұмабаев. Өлеңдер", ["Мағжан Жұмабаев"], "Ақын. Алаш."),
    rec(
        "crime",
        "Преступление и наказание",
        ["Фёдор Достоевский", "Crime and Punishment"],
        "Роман. Петербург.",
    ),
    rec("idiot", "Идиот", ["Фёдор Достоевский"], "Роман. Князь Мышкин."),
    rec(
        "war-peace",
        "Война и мир",
        ["Лев Толстой", "War and Peace"],
        "Роман-эпопея. Отечественная война 1812 года.",
    ),
    rec("anna", "Анна Каренина", ["Лев Толстой"], "Роман."),
    rec("onegin", "Евгений Онегин", ["Александр Пушкин"], "Роман в стихах."),
    rec(
        "kapitanskaya",
        "Капитанская дочка",
        ["Александр Пушкин"],
        "Исторический роман. Пугачёвское восстание.",
    ),
    rec("cherry", "Вишнёвый сад", ["Антон Чехов"], "Пьеса в четырёх действиях."),
    rec("dama", "Дама с собачкой", ["Антон Чехов"], "Рассказ. Ялта."),
    rec("dead-souls", "Мёртвые души", ["Николай Гоголь"], "Поэма. Чичиков."),
    rec("master", "Мастер и Маргарита", ["Михаил Булгаков"], "Роман. Москва."),
    rec("geroi", "Герой нашего времени", ["Михаил Лермонтов"], "Роман. Печорин. Кавказ."),
    rec("mat", "Мать", ["Максим Горький"], "Роман."),
    rec("hongloumeng", "红楼梦", ["曹雪芹"], "中国古典小说。贾宝玉与林黛玉。"),
    rec("sanguo", "三國演義", ["羅貫中"], "章回小說。東漢末年。"),
    rec("xiyouji", "西游记", ["吴承恩"], "神魔小说。孙悟空。"),
    rec("nahan", "呐喊", ["鲁迅"], "短篇小说集。狂人日记。"),
    rec("beijing-history", "北京史", ["北京大学历史系"], "古代都城。"),
    rec("libai", "李白诗选", ["李白"], "唐代诗人。"),
    rec("shiji", "史记", ["司马迁"], "纪传体通史。"),
    rec("zhuangzi", "庄子", ["庄周"], "道家经典。"),
    rec("daodejing", "道德经", ["老子"], "道家经典。"),
    rec("north-music", "北方民族音乐与京剧艺术", [], "草原音乐。"),
    rec("kazakh-culture-zh", "哈萨克族文化", [], "游牧民族的传统与习俗。"),
    rec("abai-zh", "阿拜之路", ["穆赫塔尔·阿乌埃佐夫"], "哈萨克长篇小说。"),
    rec("dombra-tutorial", "冬不拉演奏教程", [], "哈萨克族弹拨乐器。"),
    rec("silk-road", "丝绸之路", ["Silk Road", "Жібек жолы", "Шёлковый путь"], "古代商路。"),
    rec("nomads-en", "The Nomads", ["Ilyas Yesenberlin"], "A historical trilogy of the Kazakh Khanate."),
    rec("abai-way-en", "The Path of Abai", ["Mukhtar Auezov"], "An epic novel translated from Kazakh."),
    rec("steppe-en", "Music of the Great Steppe", [], "Field recordings of steppe songs with dombra."),
    rec("draft-record", "Абай жолы: қолжазба нұсқасы", ["Мұхтар Әуезов"], "Жарияланбаған.", public=False),
]

ARTIFACTS = [
    multi(
        "artifact",
        "golden-man",
        "Golden Man",
        "Алтын адам",
        "Золотой человек",
        "金人",
        "Ceremonial costume of a Saka warrior from the Issyk kurgan, gold plaques.",
    ),
    multi(
        "artifact",
        "dombra",
        "Dombra",
        "Домбыра",
        "Домбра",
        "冬不拉",
        "Two-stringed plucked lute of the Kazakhs, pine wood.",
    ),
    multi(
        "artifact",
        "kobyz",
        "Kobyz",
        "Қобыз",
        "Кобыз",
        "库布孜",
        "Bowed string instrument of shamans, horsehair strings.",
    ),
    multi(
        "artifact",
        "saukele",
        "Saukele bridal headdress",
        "Сәукеле",
        "Саукеле",
        "萨吾克烈",
        "Tall bridal headdress with silver and coral.",
    ),
    multi(
        "artifact",
        "shanyraq",
        "Shanyraq (yurt crown)",
        "Шаңырақ",
        "Шанырак",
        "沙尼拉克",
        "The wooden crown of a yurt, symbol of the family home.",
    ),
    multi("artifact", "yurt", "Yurt", "Киіз үй", "Юрта", "毡房", "Felt dwelling of nomads."),
    multi("artifact", "sybyzgy", "Sybyzgy flute", "Сыбызғы", "Сыбызгы", "斯布斯额", "End-blown reed flute."),
    multi(
        "artifact", "zhetigen", "Zhetigen zither", "Жетіген", "Жетыген", "杰特根", "Seven-stringed zither."
    ),
    multi(
        "artifact",
        "tekemet",
        "Tekemet felt carpet",
        "Текемет",
        "Текемет",
        "毡毯",
        "Pressed felt carpet with patterns.",
    ),
    multi(
        "artifact",
        "taiqazan",
        "Tai Kazan cauldron",
        "Тайқазан",
        "Тайказан",
        "大锅",
        "Bronze cauldron from the mausoleum of Khoja Ahmed Yasawi (copy).",
    ),
    multi("artifact", "qamshy", "Whip", "Қамшы", "Камча", "马鞭", "Leather whip with a wooden handle."),
    multi(
        "artifact",
        "asyq",
        "Asyq knucklebones",
        "Асық",
        "Асыки",
        "羊拐骨",
        "Game pieces made of sheep knucklebones.",
    ),
    multi(
        "artifact", "torsyq", "Torsyq leather flask", "Торсық", "Торсык", "皮囊", "Leather flask for kumys."
    ),
    multi(
        "artifact",
        "golden-man-copy",
        "Golden Man replica (draft)",
        "Алтын адам көшірмесі",
        "Копия Золотого человека",
        "金人复制品",
        "Draft entry, not checked yet.",
        public=False,
    ),
]

OTHER = [
    multi(
        "exhibition",
        "steppe-treasures",
        "Treasures of the Great Steppe",
        "Ұлы дала қазыналары",
        "Сокровища Великой степи",
        "伟大草原的珍宝",
        "Gold of the Saka, weapons and jewellery.",
    ),
    multi(
        "exhibition",
        "abai-time",
        "Abai and his time",
        "Абай және оның заманы",
        "Абай и его время",
        "阿拜和他的时代",
        "Manuscripts and photographs.",
    ),
    multi(
        "program",
        "dombra-kids",
        "Dombra lessons for children",
        "Балаларға арналған домбыра сабағы",
        "Уроки домбры для детей",
        "儿童冬不拉课",
        "Weekly lessons in the dombra studio.",
    ),
    multi(
        "program",
        "felt-workshop",
        "Felt workshop",
        "Киіз басу шеберханасы",
        "Мастер-класс по валянию войлока",
        "毡艺工作坊",
        "Make a small tekemet.",
    ),
    multi(
        "program",
        "calligraphy",
        "Chinese calligraphy",
        "Қытай каллиграфиясы",
        "Китайская каллиграфия",
        "中国书法",
        "Brush and ink for beginners.",
    ),
    multi(
        "program",
        "nauryz",
        "Nauryz concert",
        "Наурыз концерті",
        "Концерт на Наурыз",
        "纳吾鲁孜音乐会",
        "Spring festival concert with kobyz and dombra.",
    ),
    multi(
        "space", "library", "Library", "Кітапхана", "Библиотека", "图书馆", "Reading room and open shelves."
    ),
    multi(
        "space",
        "concert-hall",
        "Concert hall",
        "Концерт залы",
        "Концертный зал",
        "音乐厅",
        "Two hundred seats.",
    ),
    multi(
        "page",
        "about",
        "Cultural Center of Kazakhstan in Beijing",
        "Бейжіңдегі Қазақстан мәдениет орталығы",
        "Центр культуры Казахстана в Пекине",
        "北京哈萨克斯坦文化中心",
        "Opened on 2 September 2025.",
    ),
    multi("page", "visit", "Visiting hours", "Келу уақыты", "Часы работы", "开放时间", "Tuesday to Sunday."),
]

DOCUMENTS = RECORDS + ARTIFACTS + OTHER
