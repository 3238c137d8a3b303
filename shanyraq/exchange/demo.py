"""Demo youth exchange: members from Kazakhstan, China and beyond (four of them minors, each with a
guardian and the guardian's consent records), five tandems (one between two minors), two open
calls in four languages with applications at every stage (draft, submitted, under review, accepted,
waiting list, declined, withdrawn), and a showcase with approved and pending posts.

Everything goes through the services, so the demo obeys the same rules as the product: minors are
matched only with minors, applicants are eligible, places are respected. Dates are counted from
`today` (the real date for `load_demo`, a pinned one in tests). Loaded after the site demo, whose
staff logins (exchange coordinator, reviewer, moderator) it uses when they exist. Running it again
adds nothing. Names are invented; addresses use example domains.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from shanyraq.core import ornament
from shanyraq.core.dates import years_before
from shanyraq.exchange.models import Application, Member
from shanyraq.exchange.services import call_editing, showcase, tandems
from shanyraq.exchange.services import calls as call_services
from shanyraq.exchange.services import messages as message_services
from shanyraq.exchange.services.members import member_create
from shanyraq.people.models import Consent
from shanyraq.people.services import consent_record, person_create

# Demo members sign in with their e-mail and this password (printed beside the staff logins).
MEMBER_PASSWORD = "shanyraq-demo"  # noqa: S105 - demo logins, public
SAT_MORNING = [{"day": 5, "start": "10:00", "end": "14:00"}, {"day": 6, "start": "10:00", "end": "14:00"}]
EVENINGS = [{"day": 1, "start": "18:00", "end": "21:00"}, {"day": 3, "start": "18:00", "end": "21:00"}]

# key: (name, other names, language, age, city, country, school, speaks, learns, interests,
#       meeting, availability, guardian (name, e-mail) for a minor)
MEMBERS = {
    "liwei": ("Li Wei", [{"script": "Hans", "text": "李伟"}], "zh-hans", 21, "Beijing", "CN",
              "Beijing Foreign Studies University", {"zh": 7, "en": 4}, {"kk": 2},
              ["music", "history", "travel"], "both", SAT_MORNING, None),
    "wangfang": ("Wang Fang", [{"script": "Hans", "text": "王芳"}], "zh-hans", 24, "Beijing", "CN",
                 "Peking University", {"zh": 7}, {"ru": 3}, ["books", "films"], "both", EVENINGS, None),
    "zhangmin": ("Zhang Min", [{"script": "Hans", "text": "张敏"}], "zh-hans", 19, "Beijing", "CN",
                 "Minzu University of China", {"zh": 7}, {"kk": 2}, ["dance", "music"], "center",
                 SAT_MORNING, None),
    "chenjing": ("Chen Jing", [{"script": "Hans", "text": "陈静"}], "zh-hans", 27, "Beijing", "CN",
                 "", {"zh": 7}, {"en": 3}, ["tech", "business"], "online", EVENINGS, None),
    "aigerim": ("Aigerim Serikqyzy", [{"script": "Latn", "text": "Aigerim Serikkyzy"}], "kk", 22,
                "Beijing", "KZ", "Beijing Language and Culture University", {"kk": 7, "ru": 7}, {"zh": 3},
                ["music", "art", "travel"], "both", SAT_MORNING, None),
    "nurlan": ("Nurlan Bekov", [{"script": "Cyrl", "text": "Нұрлан Беков"}], "kk", 25, "Almaty", "KZ",
               "Al-Farabi Kazakh National University", {"kk": 7, "ru": 6}, {"zh": 2}, ["sport", "history"],
               "both", SAT_MORNING, None),
    "daniyar": ("Daniyar Omarov", [{"script": "Cyrl", "text": "Данияр Омаров"}], "ru", 23, "Astana", "KZ",
                "Nazarbayev University", {"kk": 7, "ru": 7}, {"zh": 2}, ["science", "tech"], "online",
                EVENINGS, None),
    "aruzhan": ("Aruzhan Kairat", [{"script": "Cyrl", "text": "Аружан Қайрат"}], "kk", 20, "Shymkent", "KZ",
                "South Kazakhstan University", {"kk": 7}, {"zh": 1}, ["photo", "nature"], "both",
                SAT_MORNING, None),
    "olga": ("Olga Ivanova", [{"script": "Cyrl", "text": "Ольга Иванова"}], "ru", 26, "Beijing", "RU", "",
             {"ru": 7, "en": 4}, {"zh": 3}, ["books", "photo"], "both", EVENINGS, None),
    "emma": ("Emma Smith", [], "en", 28, "Beijing", "GB", "", {"en": 7}, {"zh": 3}, ["food", "tech"],
             "online", EVENINGS, None),
    # Minors: members only after their guardian's consent; matched only with minors of a close age.
    "dana": ("Dana Akhmetova", [{"script": "Cyrl", "text": "Дана Ахметова"}], "kk", 15, "Beijing", "KZ",
             "Beijing No. 55 Middle School", {"kk": 7, "ru": 5}, {"zh": 2}, ["art", "crafts"], "center",
             SAT_MORNING, ("Gulnara Akhmetova", "gulnara.akhmetova@example.kz")),
    "liuyu": ("Liu Yu", [{"script": "Hans", "text": "刘雨"}], "zh-hans", 16, "Beijing", "CN",
              "Beijing No. 55 Middle School", {"zh": 7}, {"kk": 1}, ["art", "music"], "center",
              SAT_MORNING, ("Liu Qiang", "liu.qiang@example.cn")),
    "timur": ("Timur Sadykov", [{"script": "Cyrl", "text": "Тимур Садыков"}], "ru", 17, "Beijing", "KZ",
              "", {"ru": 7, "kk": 4}, {"zh": 2}, ["sport", "games"], "center", SAT_MORNING,
              ("Marat Sadykov", "marat.sadykov@example.kz")),
    "mei": ("Zhao Mei", [{"script": "Hans", "text": "赵梅"}], "zh-hans", 14, "Beijing", "CN", "", {"zh": 7},
            {"ru": 1}, ["dance", "games"], "center", SAT_MORNING, ("Zhao Hong", "zhao.hong@example.cn")),
}  # fmt: skip

# (requester, partner, answered: accept / None = still a request, messages [(sender, text)])
TANDEMS = [
    ("liwei", "aigerim", True, [("liwei", "Сәлем, Айгерім! 你好！"), ("aigerim", "你好，李伟！Сенбіде кездесейік?")]),
    ("wangfang", "olga", True, [("olga", "Привет! 你好，王芳！")]),
    ("zhangmin", "nurlan", None, []),
    ("chenjing", "emma", True, [("emma", "Hi Chen Jing! 我们周二线上见？")]),
    ("liuyu", "dana", True, [("dana", "Сәлем, Лю Юй! 星期六在中心见。")]),
]  # fmt: skip

MOTIVATION = {"zh-hans": "动机", "en": "Motivation", "kk": "Ынта", "ru": "Мотивация"}
CALLS = [
    {
        "key": "camp",
        "title": {
            "en": "Summer camp in Almaty",
            "zh-hans": "阿拉木图夏令营",
            "kk": "Алматыдағы жазғы лагерь",
            "ru": "Летний лагерь в Алматы",
        },
        "description": {
            "en": "Two weeks in the mountains near Almaty for young people from China and Kazakhstan: "
            "Kazakh lessons every morning, music, hiking and a homestay weekend. Travel and stay are paid.",
            "zh-hans": "在阿拉木图附近的山中度过两周，面向中国和哈萨克斯坦青年：每天上午学习哈萨克语，"
            "还有音乐、徒步和一个寄宿家庭周末。交通和住宿费用由中心承担。",
            "kk": "Қытай мен Қазақстан жастарына арналған Алматы маңындағы таудағы екі апта: күн сайын "
            "таңертең қазақ тілі сабақтары, музыка, жаяу серуен және отбасында өткізетін демалыс. "
            "Жол мен тұру ақысы төленеді.",
            "ru": "Две недели в горах под Алматы для молодёжи Китая и Казахстана: каждое утро уроки "
            "казахского, музыка, походы и выходные в семье. Дорога и проживание оплачиваются.",
        },
        "deadline_days": 30,
        "places": 2,
        "ages": (16, 30),
        "languages": [{"language": "kk", "level": 1}],
        "countries": [],
        "criteria": [{"code": "motivation", "max": 10, "label": MOTIVATION}, {"code": "languages", "max": 5, "label": {"zh-hans": "语言", "en": "Languages", "kk": "Тілдер", "ru": "Языки"}}],
        "questions": [
            ("text", {"en": "Why do you want to come?", "zh-hans": "你为什么想参加？",
                      "kk": "Неге қатысқыңыз келеді?", "ru": "Почему вы хотите поехать?"}, [], True),
            ("choice", {"en": "T-shirt size", "zh-hans": "T恤尺码", "kk": "Футболка өлшемі",
                        "ru": "Размер футболки"}, ["S", "M", "L", "XL"], False),
            ("file", {"en": "Scanned consent of a parent (under 18)", "zh-hans": "家长同意书扫描件（未满18岁）",
                      "kk": "Ата-ананың келісімінің сканері (18 жасқа толмағандар)",
                      "ru": "Скан согласия родителя (до 18 лет)"}, [], False),
        ],
    },
    {
        "key": "delegation",
        "title": {
            "en": "Student delegation to Beijing",
            "zh-hans": "赴北京学生代表团",
            "kk": "Бейжіңге студенттер делегациясы",
            "ru": "Студенческая делегация в Пекин",
        },
        "description": {
            "en": "Ten days in Beijing for students from Kazakhstan: universities, museums, the center's "
            "library and a joint concert. For students who learn Chinese.",
            "zh-hans": "为哈萨克斯坦学生组织的十天北京之行：参观大学、博物馆、中心图书馆并参加联合音乐会。"
            "面向学习中文的学生。",
            "kk": "Қазақстан студенттеріне арналған Бейжіңде он күн: университеттер, мұражайлар, орталықтың "
            "кітапханасы және бірлескен концерт. Қытай тілін үйренетін студенттерге.",
            "ru": "Десять дней в Пекине для студентов из Казахстана: университеты, музеи, библиотека "
            "центра и совместный концерт. Для студентов, изучающих китайский.",
        },
        "deadline_days": 45,
        "places": 3,
        "ages": (18, 30),
        "languages": [{"language": "zh", "level": 1}],
        "countries": ["KZ"],
        "criteria": [{"code": "motivation", "max": 10, "label": MOTIVATION}, {"code": "experience", "max": 5, "label": {"zh-hans": "经历", "en": "Experience", "kk": "Тәжірибе", "ru": "Опыт"}}],
        "questions": [
            ("text", {"en": "What do you want to learn in Beijing?", "zh-hans": "你想在北京学到什么？",
                      "kk": "Бейжіңде не үйренгіңіз келеді?", "ru": "Чему вы хотите научиться в Пекине?"},
             [], True),
            ("file", {"en": "CV (PDF)", "zh-hans": "简历（PDF）", "kk": "Түйіндеме (PDF)", "ru": "Резюме (PDF)"},
             [], False),
        ],
    },
]  # fmt: skip

# (call, member, stage, answer, reviews [(reviewer index, scores)]): every stage of an application.
APPLICATIONS = [
    ("camp", "liwei", "accepted", "我想在山里学习哈萨克语和冬不拉。", [(0, [9, 4]), (1, [8, 4])]),
    ("camp", "zhangmin", "waiting", "我喜欢哈萨克舞蹈，想认识新朋友。", [(0, [7, 3]), (1, [6, 3])]),
    ("camp", "nurlan", "declined", "Тауда қытай достарыма қазақ мәдениетін көрсеткім келеді.", [(0, [4, 5]), (1, [5, 5])]),
    ("camp", "aigerim", "review", "Қытайлық студенттерге аудармашы болып көмектесе аламын.", [(0, [8, 5])]),
    ("camp", "liuyu", "draft", "我想学哈萨克语。", []),
    ("delegation", "daniyar", "accepted", "Хочу увидеть университеты Пекина и поговорить по-китайски.", [(0, [9, 4]), (1, [9, 5])]),
    ("delegation", "aigerim", "review", "Бейжіңдегі мұражайлар мен кітапханаларды көргім келеді.", [(1, [7, 4])]),
    ("delegation", "aruzhan", "submitted", "Қытай тілін жаңа үйрене бастадым, Бейжіңді көргім келеді.", []),
    ("delegation", "nurlan", "withdrawn", "Бейжіңдегі спорт клубтарымен танысқым келеді.", []),
]  # fmt: skip

# (member, kind, texts {language: (title, body)}, image alt texts or None, approved)
POSTS = [
    ("liwei", "story", {
        "zh-hans": ("我的第一堂冬不拉课", "在中心上了第一堂冬不拉课。两根弦，却能弹出草原的风声。"),
        "en": ("My first dombra lesson", "My first dombra lesson at the center: two strings, and you hear the wind of the steppe."),
    }, None, True),
    ("aigerim", "translation", {
        "kk": ("Абай, «Қара сөздер», бірінші сөз", "Бұл жасқа келгенше жақсы өттік пе, жаман өттік пе, әйтеуір бірталай өмірімізді өткіздік..."),
        "zh-hans": ("阿拜《箴言集》第一篇", "到了这个年纪，不论过得好坏，我们总算度过了大半生……"),
    }, None, True),
    ("olga", "photos", {
        "ru": ("Орнаменты в зале этнографии", "Мы с Ван Фан рисовали орнаменты кошкар-мюйиз в зале этнографии."),
        "zh-hans": ("民族志展厅里的纹样", "我和王芳在民族志展厅里画了羊角纹。"),
    }, {"ru": "Красно-синий орнамент «кошкар-мюйиз»", "zh-hans": "红蓝两色的羊角纹",
        "kk": "Қызыл-көк қошқар мүйіз өрнегі", "en": "A red and blue ram's-horn ornament"}, True),
    ("emma", "creative", {
        "en": ("Tea in three languages", "A short poem about ordering tea in Chinese, Kazakh and English."),
        "zh-hans": ("三种语言的茶", "一首小诗：用中文、哈萨克语和英语点茶。"),
    }, None, False),
    ("dana", "story", {
        "kk": ("Киіз басу шеберханасы", "Біз сенбі күні орталықта киіз бастық. Өте қызық болды!"),
    }, None, False),
]  # fmt: skip

STAFF = [  # (username, role, name, language): the site demo makes the first three with passwords
    ("exchangecoordinator", "exchange_coordinator", "Saule Exchange Coordinator", "kk"),
    ("reviewer", "reviewer", "Zhou Min Reviewer", "zh-hans"),
    ("moderator", "moderator", "Irina Moderator", "ru"),
    ("reviewer2", "reviewer", "Askar Invited Reviewer", "kk"),  # an invited reviewer, no sign-in
]


def _tr(field: str, values: dict[str, str]) -> dict[str, str]:
    return {f"{field}_{code.replace('-', '_')}": text for code, text in values.items()}


def _staff() -> dict:
    User = get_user_model()
    users = {}
    for username, role, name, language in STAFF:
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_unusable_password()
            user.save()
            person_create(name=name, language=language, email=f"{username}@shanyraq.localhost", user=user)
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


def _members(today: dt.date) -> dict[str, Member]:
    User = get_user_model()
    members = {}
    for key, row in MEMBERS.items():
        (
            name,
            others,
            language,
            age,
            city,
            country,
            school,
            speaks,
            learns,
            interests,
            meeting,
            free,
            guard,
        ) = row
        email = f"{key}@exchange.example.org"
        guardian = None
        if guard:
            guardian = person_create(name=guard[0], email=guard[1], language=language)
        user = User.objects.create_user(username=f"demo-{key}", email=email, password=MEMBER_PASSWORD)
        person = person_create(
            name=name,
            other_names=others,
            email=email,
            language=language,
            birth_date=years_before(today, age) - dt.timedelta(days=40 + 17 * len(members)),
            guardian=guardian,
            guardian_consent=guardian is not None,  # the child-data consent, given by the guardian
            user=user,
        )
        if key == "dana":  # her guardian also allowed photos
            consent_record(person=person, kind=Consent.Kind.PHOTOS, given_by=guardian)
        langs = [{"language": c, "direction": "speaks", "level": v} for c, v in speaks.items()]
        langs += [{"language": c, "direction": "learns", "level": v} for c, v in learns.items()]
        members[key] = member_create(
            person=person,
            display_name=name.split(" ")[0],
            profile={
                "city": city,
                "country": country,
                "school": school,
                "interests": interests,
                "availability": free,
                "meeting": meeting,
                "shares": list(Member.SHARE_DEFAULT),
                "languages": langs,
            },
        )
    return members


def _tandems(members: dict[str, Member]) -> int:
    for first, second, accept, messages in TANDEMS:
        tandem = tandems.tandem_request(member=members[first], partner=members[second])
        if accept is not None:
            tandem = tandems.tandem_decide(tandem=tandem, member=members[second], accept=accept)
        for sender, text in messages:
            message_services.message_send(tandem=tandem, sender=members[sender], body=text)
    return len(TANDEMS)


def _calls(today: dt.date, members: dict[str, Member], staff: dict) -> tuple[int, int]:
    zone = timezone.get_current_timezone()
    made = {}
    for spec in CALLS:
        deadline = dt.datetime.combine(
            today + dt.timedelta(days=spec["deadline_days"]), dt.time(23, 59), zone
        )
        coordinator = staff["exchangecoordinator"]
        call = call_editing.call_save(
            call=None,
            data={
                "title": spec["title"],
                "description": spec["description"],
                "deadline": deadline,
                "places": spec["places"],
                "min_age": spec["ages"][0],
                "max_age": spec["ages"][1],
                "languages": spec["languages"],
                "countries": spec["countries"],
                "criteria": spec["criteria"],
                "panel": [staff["reviewer"], staff["reviewer2"]],
            },
            questions=[
                {"id": None, "kind": kind, "label": label, "choices": choices, "required": required}
                for kind, label, choices, required in spec["questions"]
            ],
            actor=coordinator,
        )
        call = call_editing.call_publish(call=call, publish=True, actor=coordinator)
        made[spec["key"]] = call
    reviewers = [staff["reviewer"], staff["reviewer2"]]
    for call_key, member_key, stage, text, reviews in APPLICATIONS:
        call = made[call_key]
        first = call.questions.get(order=1)
        application = call_services.application_save(
            call=call, member=members[member_key], answers={first.pk: text}, submit=stage != "draft"
        )
        for index, scores in reviews:
            call_services.review_submit(
                application=application,
                reviewer=reviewers[index],
                scores=dict(zip([c["code"] for c in call.criteria], scores, strict=True)),
            )
        if stage in Application.DECISIONS:
            call_services.application_decide(
                application=application, decision=stage, actor=staff["exchangecoordinator"]
            )
        elif stage == "withdrawn":
            call_services.application_withdraw(application=application, member=members[member_key])
    return len(made), len(APPLICATIONS)


def _posts(members: dict[str, Member], moderator) -> int:
    for member, kind, texts, alts, approved in POSTS:
        images = []
        if alts:
            images = [
                {"name": "ornament.jpg", "data": ornament.picture(member), "alt": alts, "shows_face": False}
            ]
        post = showcase.post_create(
            member=members[member],
            kind=kind,
            texts={code: {"title": title, "body": body} for code, (title, body) in texts.items()},
            images=images,
        )
        if approved:
            showcase.post_moderate(post=post, action="approve", reason="Demo: a good story.", actor=moderator)
    return len(POSTS)


def load(today: dt.date | None = None) -> dict[str, int]:
    """Load the demo exchange (nothing when its members are already there)."""
    today = today or timezone.localdate()
    if Member.objects.filter(person__email__endswith="@exchange.example.org").exists():
        return {"members": 0, "tandems": 0, "calls": 0, "applications": 0, "posts": 0}
    with transaction.atomic():
        staff = _staff()
        members = _members(today)
        tandem_count = _tandems(members)
        call_count, application_count = _calls(today, members, staff)
        post_count = _posts(members, staff["moderator"])
    return {
        "members": len(members),
        "tandems": tandem_count,
        "calls": call_count,
        "applications": application_count,
        "posts": post_count,
    }
