"""The demo center: the Cultural Center of Kazakhstan in Beijing (opened 2 September 2025).

Texts are ours; the street address and hours are demo values, marked as such.
"""

from __future__ import annotations

import base64

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from shanyraq.accounts.selectors import totp_device
from shanyraq.accounts.services import totp_device_install
from shanyraq.core.roles import ROLES
from shanyraq.people.services import person_create
from shanyraq.site.models import Page
from shanyraq.spaces.models import Space

DEMO_PASSWORD = "shanyraq-demo"  # noqa: S105 - demo logins, printed by `make run`
# The demo director's two-step sign-in key (public: printed by `make run`; docs/decisions/017-signin.md).
DEMO_TOTP_SECRET = "SHANYRAQDEMOTWOSTEPSIGNINDIRECT2"  # noqa: S105 - public demo key
DEMO_TOTP_ROLES = ("director",)

STAFF = {
    "director": ("Aigerim Director", "kk"),
    "curator": ("Nurlan Curator", "kk"),
    "librarian": ("Li Na Librarian", "zh-hans"),
    "program_coordinator": ("Marina Coordinator", "ru"),
    "front_desk": ("Wang Wei Front Desk", "zh-hans"),
    "teacher": ("Dana Teacher", "kk"),
    "exchange_coordinator": ("Saule Exchange Coordinator", "kk"),
    "reviewer": ("Zhou Min Reviewer", "zh-hans"),
    "moderator": ("Irina Moderator", "ru"),
    "safeguarding_officer": ("Ainur Safeguarding", "kk"),
}

PAGES = [
    {
        "slug": "about",
        "title": {
            "en": "About the center",
            "zh-hans": "关于中心",
            "kk": "Орталық туралы",
            "ru": "О центре",
        },
        "summary": {
            "en": "A home of Kazakh culture in Beijing since 2 September 2025: exhibitions, a library, lessons, concerts and workshops.",
            "zh-hans": "自2025年9月2日起，哈萨克斯坦文化在北京的家：展览、图书馆、课程、音乐会和工作坊。",
            "kk": "2025 жылғы 2 қыркүйектен бері Бейжіңдегі қазақ мәдениетінің үйі: көрмелер, кітапхана, сабақтар, концерттер мен шеберханалар.",
            "ru": "Дом казахской культуры в Пекине с 2 сентября 2025 года: выставки, библиотека, уроки, концерты и мастерские.",
        },
        "body": {
            "en": "The Cultural Center of Kazakhstan in Beijing opened on 2 September 2025.\n\nIts exhibition halls show artifacts from the Saka period to the early twentieth century: archaeology, jewelry art, weapons craftsmanship, musical instruments and ethnography, many on loan from museums in Kazakhstan.\n\nThe library holds about a thousand books in Chinese, English, Kazakh and Russian. Creative spaces host Kazakh language lessons, dombra lessons and concerts, felt-making master classes for children and guided tours for school groups. Young people of both countries meet here to exchange knowledge and ideas.",
            "zh-hans": "哈萨克斯坦文化中心（北京）于2025年9月2日开幕。\n\n展厅展出从塞种时期到20世纪初的文物：考古、珠宝艺术、兵器工艺、乐器和民族志，其中许多文物借自哈萨克斯坦的博物馆。\n\n图书馆藏有约一千册中文、英文、哈萨克文和俄文图书。创意空间举办哈萨克语课程、冬不拉课程和音乐会、儿童毡艺大师班以及面向学校团体的导览。两国青年在这里交流知识与创意。",
            "kk": "Қазақстанның Бейжіңдегі мәдени орталығы 2025 жылғы 2 қыркүйекте ашылды.\n\nКөрме залдарында сақ дәуірінен ХХ ғасырдың басына дейінгі жәдігерлер қойылған: археология, зергерлік өнер, қару-жарақ шеберлігі, музыкалық аспаптар және этнография; олардың көбі Қазақстан музейлерінен уақытша берілген.\n\nКітапханада қытай, ағылшын, қазақ және орыс тілдеріндегі мыңға жуық кітап бар. Шығармашылық кеңістіктерде қазақ тілі сабақтары, домбыра сабақтары мен концерттері, балаларға арналған киіз басу шеберханалары және мектеп топтарына экскурсиялар өтеді. Мұнда екі елдің жастары білім мен идея алмасады.",
            "ru": "Культурный центр Казахстана в Пекине открылся 2 сентября 2025 года.\n\nВ выставочных залах представлены предметы от сакской эпохи до начала XX века: археология, ювелирное искусство, оружейное мастерство, музыкальные инструменты и этнография; многие из них предоставлены музеями Казахстана.\n\nБиблиотека насчитывает около тысячи книг на китайском, английском, казахском и русском языках. В творческих пространствах проходят уроки казахского языка, уроки игры на домбре и концерты, мастер-классы по валянию войлока для детей и экскурсии для школьных групп. Здесь молодёжь двух стран обменивается знаниями и идеями.",
        },
    },
    {
        "slug": "visit",
        "title": {"en": "Visit us", "zh-hans": "参观信息", "kk": "Бізге келіңіз", "ru": "Как нас посетить"},
        "summary": {"en": "", "zh-hans": "", "kk": "", "ru": ""},
        "body": {
            "en": "Beijing, Chaoyang District (demo address)\n\nTuesday to Sunday, 10:00-18:00; closed on Mondays (demo hours).\n\nAdmission to the exhibition halls and the library is free.",
            "zh-hans": "北京市朝阳区（演示地址）\n\n周二至周日 10:00-18:00；周一闭馆（演示时间）。\n\n展厅和图书馆免费开放。",
            "kk": "Бейжің, Чаоян ауданы (демо мекенжай)\n\nСейсенбіден жексенбіге дейін, 10:00-18:00; дүйсенбі күні жабық (демо уақыт).\n\nКөрме залдары мен кітапханаға кіру тегін.",
            "ru": "Пекин, район Чаоян (демо-адрес)\n\nСо вторника по воскресенье, 10:00-18:00; понедельник выходной (демо-часы).\n\nВход в выставочные залы и библиотеку бесплатный.",
        },
    },
]

HOURS = {
    "en": "Tue-Sun 10:00-18:00",
    "zh-hans": "周二至周日 10:00-18:00",
    "kk": "Сс-Жс 10:00-18:00",
    "ru": "Вт-Вс 10:00-18:00",
}

SPACES = [
    (
        "hall-archaeology",
        Space.Kind.HALL,
        1,
        120,
        "1",
        {
            "en": "Hall 1: Steppe archaeology",
            "zh-hans": "第一展厅：草原考古",
            "kk": "1-зал: Дала археологиясы",
            "ru": "Зал 1: Археология степи",
        },
        {
            "en": "Saka, Wusun and Hunnic finds: gold ornaments, bronze cauldrons and the replica of the Golden Man from the Issyk kurgan.",
            "zh-hans": "塞种、乌孙和匈奴时期的出土文物：黄金饰品、青铜鍑，以及伊塞克古冢“金人”的复制品。",
            "kk": "Сақ, үйсін және ғұн дәуірлерінің олжалары: алтын әшекейлер, қола қазандар және Есік қорғанындағы Алтын адамның көшірмесі.",
            "ru": "Находки сакской, усуньской и гуннской эпох: золотые украшения, бронзовые котлы и копия Золотого человека из Иссыкского кургана.",
        },
    ),
    (
        "hall-jewelry-weapons",
        Space.Kind.HALL,
        2,
        80,
        "1",
        {
            "en": "Hall 2: Jewelry and weapons",
            "zh-hans": "第二展厅：珠宝与兵器",
            "kk": "2-зал: Зергерлік бұйымдар мен қару-жарақ",
            "ru": "Зал 2: Украшения и оружие",
        },
        {
            "en": "Silver jewelry of Kazakh masters, the saukele bridal headdress, sabres, bows and armour.",
            "zh-hans": "哈萨克工匠的银饰、新娘高帽“萨吾克烈”、马刀、弓和铠甲。",
            "kk": "Қазақ шеберлерінің күміс әшекейлері, сәукеле, қылыштар, садақтар мен сауыттар.",
            "ru": "Серебряные украшения казахских мастеров, свадебный головной убор саукеле, сабли, луки и доспехи.",
        },
    ),
    (
        "hall-music-ethnography",
        Space.Kind.HALL,
        3,
        80,
        "2",
        {
            "en": "Hall 3: Music and the nomadic home",
            "zh-hans": "第三展厅：音乐与游牧之家",
            "kk": "3-зал: Музыка және көшпелі үй",
            "ru": "Зал 3: Музыка и кочевой дом",
        },
        {
            "en": "The dombra, kobyz and other instruments; felt carpets, a yurt's shanyrak and everyday life on the steppe.",
            "zh-hans": "冬不拉、库布孜等乐器；毡毯、毡房的天窗圈顶“沙尼拉克”和草原日常生活。",
            "kk": "Домбыра, қобыз және басқа аспаптар; киіз кілемдер, киіз үйдің шаңырағы және далалық тұрмыс.",
            "ru": "Домбра, кобыз и другие инструменты; войлочные ковры, шанырак юрты и повседневная жизнь степи.",
        },
    ),
    (
        "library",
        Space.Kind.LIBRARY,
        4,
        30,
        "2",
        {"en": "Library", "zh-hans": "图书馆", "kk": "Кітапхана", "ru": "Библиотека"},
        {
            "en": "About a thousand books in Chinese, English, Kazakh and Russian, with a reading room.",
            "zh-hans": "约一千册中文、英文、哈萨克文和俄文图书，设有阅览室。",
            "kk": "Қытай, ағылшын, қазақ және орыс тілдеріндегі мыңға жуық кітап, оқу залы.",
            "ru": "Около тысячи книг на китайском, английском, казахском и русском языках, читальный зал.",
        },
    ),
    (
        "classroom",
        Space.Kind.CLASSROOM,
        5,
        16,
        "2",
        {"en": "Classroom", "zh-hans": "教室", "kk": "Сынып бөлмесі", "ru": "Учебный класс"},
        {
            "en": "Kazakh language lessons for groups of up to sixteen.",
            "zh-hans": "哈萨克语课程，每班最多十六人。",
            "kk": "Он алты адамға дейінгі топтарға арналған қазақ тілі сабақтары.",
            "ru": "Уроки казахского языка в группах до шестнадцати человек.",
        },
    ),
    (
        "dombra-studio",
        Space.Kind.STUDIO,
        6,
        12,
        "2",
        {"en": "Dombra studio", "zh-hans": "冬不拉工作室", "kk": "Домбыра студиясы", "ru": "Студия домбры"},
        {
            "en": "A quiet studio with twelve dombras for lessons.",
            "zh-hans": "安静的工作室，配有十二把教学用冬不拉。",
            "kk": "Сабаққа арналған он екі домбырасы бар тыныш студия.",
            "ru": "Тихая студия с двенадцатью домбрами для занятий.",
        },
    ),
    (
        "felt-studio",
        Space.Kind.STUDIO,
        7,
        20,
        "1",
        {
            "en": "Felt studio",
            "zh-hans": "毡艺工作室",
            "kk": "Киіз басу шеберханасы",
            "ru": "Мастерская войлока",
        },
        {
            "en": "Tables, wool and water for felt-making master classes for children and families.",
            "zh-hans": "配有桌子、羊毛和水，供儿童和家庭参加毡艺大师班。",
            "kk": "Балалар мен отбасыларға арналған киіз басу шеберханасына үстелдер, жүн және су.",
            "ru": "Столы, шерсть и вода для мастер-классов по валянию для детей и семей.",
        },
    ),
    (
        "concert-hall",
        Space.Kind.AUDITORIUM,
        8,
        120,
        "1",
        {
            "en": "Concert and lecture hall",
            "zh-hans": "音乐会与讲座厅",
            "kk": "Концерт және дәріс залы",
            "ru": "Концертно-лекционный зал",
        },
        {
            "en": "A hall for dombra concerts, lectures and film screenings.",
            "zh-hans": "用于冬不拉音乐会、讲座和电影放映的大厅。",
            "kk": "Домбыра концерттеріне, дәрістерге және фильм көрсетілімдеріне арналған зал.",
            "ru": "Зал для концертов домбры, лекций и кинопоказов.",
        },
    ),
    (
        "storage",
        Space.Kind.STORAGE,
        99,
        0,
        "B1",
        {"en": "Storage", "zh-hans": "库房", "kk": "Қойма", "ru": "Хранилище"},
        {
            "en": "Climate-controlled storage (staff only).",
            "zh-hans": "恒温恒湿库房（仅限员工）。",
            "kk": "Климаты бақыланатын қойма (тек қызметкерлерге).",
            "ru": "Хранилище с климат-контролем (только для сотрудников).",
        },
    ),
]


def _tr(field: str, values: dict[str, str]) -> dict[str, str]:
    return {f"{field}_{code.replace('-', '_')}": text for code, text in values.items()}


@transaction.atomic
def load() -> dict[str, int]:
    for page in PAGES:
        Page.objects.update_or_create(
            slug=page["slug"],
            defaults={
                **_tr("title", page["title"]),
                **_tr("summary", page["summary"]),
                **_tr("body", page["body"]),
            },
        )
    for slug, kind, order, capacity, floor, names, descriptions in SPACES:
        Space.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "order": order,
                "capacity": capacity,
                "floor": floor,
                "is_public": kind != Space.Kind.STORAGE,
                **_tr("name", names),
                **_tr("description", descriptions),
                **(_tr("opening_hours", HOURS) if kind != Space.Kind.STORAGE else {}),
            },
        )
    User = get_user_model()
    for role, (name, lang) in STAFF.items():
        username = role.replace("_", "")
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            person_create(name=name, language=lang, email=f"{username}@shanyraq.localhost", user=user)
        user.groups.set([Group.objects.get(name=role)])
        if role in DEMO_TOTP_ROLES and totp_device(user) is None:
            totp_device_install(user=user, key=demo_totp_key(), actor=None)
    return {"pages": len(PAGES), "spaces": len(SPACES), "staff": len(STAFF)}


def demo_totp_key() -> str:
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def logins() -> list[tuple[str, str, str]]:
    return [(str(ROLES[role]), role.replace("_", ""), DEMO_PASSWORD) for role in STAFF]
