"""Demo programs of the center, dated from today: a term of Kazakh A1 and A2, dombra lessons,
felt-making master classes for children aged 7-12, a dombra concert and guided tours for school
groups. Every session is created through the services, so the demo never double-books a space
or a teacher. People's names are invented; the demo e-mail addresses use example.org.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from shanyraq.core import ornament
from shanyraq.core.dates import years_before
from shanyraq.people.models import Person
from shanyraq.people.services import person_create
from shanyraq.programs.models import Program, Registration
from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.services.sessions import program_create, session_create, sessions_generate_weekly
from shanyraq.spaces.models import Space

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

PROGRAMS = [
    {
        "key": "kazakh-a1",
        "kind": Program.Kind.COURSE,
        "title": {
            "en": "Kazakh for beginners (A1)",
            "zh-hans": "哈萨克语入门（A1）",
            "kk": "Бастаушыларға арналған қазақ тілі (A1)",
            "ru": "Казахский язык для начинающих (A1)",
        },
        "description": {
            "en": "Twice a week for one term: the Kazakh alphabet and sounds, greetings, numbers, "
            "family and everyday phrases. Taught in Chinese; no previous knowledge needed.\n\n"
            "One registration covers every lesson of the term.",
            "zh-hans": "为期一个学期，每周两次：哈萨克语字母与发音、问候语、数字、家庭与日常用语。"
            "用中文授课，无需任何基础。\n\n一次报名即可参加本学期的全部课程。",
            "kk": "Бір оқу кезеңі бойы аптасына екі рет: қазақ әліпбиі мен дыбыстары, сәлемдесу, сандар, "
            "отбасы және күнделікті сөз тіркестері. Сабақ қытай тілінде өтеді; алдын ала білім қажет емес.\n\n"
            "Бір тіркеу оқу кезеңінің барлық сабағын қамтиды.",
            "ru": "Два раза в неделю в течение семестра: казахский алфавит и звуки, приветствия, числа, "
            "семья и повседневные фразы. Занятия ведутся на китайском; предварительные знания не нужны.\n\n"
            "Одна регистрация действует на все уроки семестра.",
        },
        "level": "A1",
        "language": "zh-hans",
        "min_age": 16,
        "teacher": "dana",
        "space": "classroom",
        "weekly": ([TUE, THU], dt.time(18, 30), 90),
        "weeks": 8,
        "capacity": 16,
    },
    {
        "key": "kazakh-a2",
        "kind": Program.Kind.COURSE,
        "title": {
            "en": "Kazakh, elementary (A2)",
            "zh-hans": "哈萨克语初级（A2）",
            "kk": "Қазақ тілі, қарапайым деңгей (A2)",
            "ru": "Казахский язык, элементарный уровень (A2)",
        },
        "description": {
            "en": "For learners who finished A1: talking about the city, shopping, travel and holidays such "
            "as Nauryz. Taught in Kazakh and Chinese.",
            "zh-hans": "面向已完成A1的学员：谈论城市、购物、旅行以及纳吾鲁孜节等节日。用哈萨克语和中文授课。",
            "kk": "A1 деңгейін аяқтағандарға: қала, сауда, саяхат және Наурыз сияқты мерекелер туралы әңгіме. "
            "Сабақ қазақ және қытай тілдерінде өтеді.",
            "ru": "Для тех, кто прошёл уровень A1: разговор о городе, покупках, путешествиях и праздниках, "
            "например о Наурызе. Занятия на казахском и китайском.",
        },
        "level": "A2",
        "language": "kk",
        "min_age": 16,
        "teacher": "dana",
        "space": "classroom",
        "weekly": ([WED], dt.time(18, 30), 90),
        "weeks": 8,
        "capacity": 12,
    },
    {
        "key": "dombra",
        "kind": Program.Kind.COURSE,
        "title": {
            "en": "Dombra lessons",
            "zh-hans": "冬不拉课程",
            "kk": "Домбыра сабақтары",
            "ru": "Уроки игры на домбре",
        },
        "description": {
            "en": "Learn to hold the two-stringed dombra, tune it and play your first küy. Instruments are "
            "provided in the studio.",
            "zh-hans": "学习如何持握和调音两弦冬不拉，并弹奏第一首奎依。工作室提供乐器。",
            "kk": "Екі ішекті домбыраны ұстауды, күйге келтіруді үйреніп, алғашқы күйіңізді тартыңыз. "
            "Аспаптар студияда беріледі.",
            "ru": "Научитесь держать двухструнную домбру, настраивать её и сыграете свой первый кюй. "
            "Инструменты выдаются в студии.",
        },
        "language": "kk",
        "min_age": 10,
        "teacher": "erlan",
        "space": "dombra-studio",
        "weekly": ([SAT], dt.time(10, 0), 90),
        "weeks": 8,
        "capacity": 10,
    },
    {
        "key": "felt",
        "kind": Program.Kind.WORKSHOP,
        "title": {
            "en": "Felt-making master class for children",
            "zh-hans": "儿童毡艺大师班",
            "kk": "Балаларға арналған киіз басу шеберлік сыныбы",
            "ru": "Мастер-класс по валянию войлока для детей",
        },
        "description": {
            "en": "Children aged 7 to 12 make a small felt picture with traditional Kazakh ornaments, using "
            "wool, warm water and soap. Guardians register each child.",
            "zh-hans": "7至12岁的儿童用羊毛、温水和肥皂，制作一幅带有哈萨克传统纹样的小毡画。由监护人为每个孩子报名。",
            "kk": "7-12 жастағы балалар жүн, жылы су және сабынның көмегімен қазақтың дәстүрлі оюлары бар "
            "шағын киіз сурет жасайды. Әр баланы қамқоршысы тіркейді.",
            "ru": "Дети 7–12 лет из шерсти, тёплой воды и мыла делают небольшую войлочную картину с "
            "традиционным казахским орнаментом. Каждого ребёнка записывает взрослый.",
        },
        "min_age": 7,
        "max_age": 12,
        "teacher": "aisulu",
        "max_per_booker": 4,
        "space": "felt-studio",
        "weekly": ([SUN], dt.time(10, 0), 120),
        "weeks": 4,
        "capacity": 12,
    },
    {
        "key": "concert",
        "kind": Program.Kind.PERFORMANCE,
        "title": {
            "en": "Dombra evening: küys of the Great Steppe",
            "zh-hans": "冬不拉之夜：大草原的奎依",
            "kk": "Домбыра кеші: Ұлы даланың күйлері",
            "ru": "Вечер домбры: кюи Великой степи",
        },
        "description": {
            "en": "A concert of classical küys by Kurmangazy, Dina Nurpeisova and Tattimbet, with short "
            "introductions in Chinese.",
            "zh-hans": "演奏库尔曼加济、迪娜·努尔佩伊索娃和塔季姆别特的经典奎依，并配有简短的中文介绍。",
            "kk": "Құрманғазы, Дина Нұрпейісова және Тәттімбет күйлерінің концерті; әр күйге қытай тілінде "
            "қысқаша түсініктеме беріледі.",
            "ru": "Концерт классических кюев Курмангазы, Дины Нурпеисовой и Таттимбета с краткими "
            "пояснениями на китайском языке.",
        },
        "teacher": "erlan",
        "space": "concert-hall",
        "once": (12, FRI, dt.time(19, 0), 90),
    },
    {
        "key": "tours",
        "kind": Program.Kind.TOUR,
        "title": {
            "en": "Guided tour for school groups",
            "zh-hans": "学校团体导览",
            "kk": "Мектеп топтарына арналған экскурсия",
            "ru": "Экскурсия для школьных групп",
        },
        "description": {
            "en": "A one-hour tour of the archaeology hall, from Saka gold to nomadic everyday life. A teacher "
            "books the seats for the whole class.",
            "zh-hans": "一小时的考古展厅导览，从塞种黄金到游牧日常生活。由教师为全班预订名额。",
            "kk": "Археология залына бір сағаттық экскурсия: сақ алтынынан көшпелілердің күнделікті тұрмысына "
            "дейін. Мұғалім бүкіл сыныпқа орын брондайды.",
            "ru": "Часовая экскурсия по залу археологии: от сакского золота до быта кочевников. Учитель "
            "бронирует места для всего класса.",
        },
        "allow_groups": True,
        "max_group_size": 40,
        "space": "hall-archaeology",
        "weekly": ([WED, FRI], dt.time(10, 0), 60),
        "weeks": 4,
        "capacity": 40,
    },
]

TEACHERS = {
    "erlan": "Erlan Zhaksylykov",
    "aisulu": "Aisulu Bekova",
}


def _next(weekday: int, after: dt.date) -> dt.date:
    return after + dt.timedelta(days=(weekday - after.weekday()) % 7 or 7)


def _teacher(key: str) -> Person:
    if key == "dana":
        user = get_user_model().objects.filter(username="teacher").first()
        person = getattr(user, "person", None) if user else None
        if person is not None:
            return person
        return person_create(name="Dana Teacher", language="kk")
    name = TEACHERS[key]
    return Person.objects.filter(name=name).first() or person_create(name=name, language="kk")


@transaction.atomic
def load() -> dict[str, int]:
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    spaces = {s.slug: s for s in Space.objects.all()}
    programs = {}
    sessions = 0
    for spec in PROGRAMS:
        if Program.objects.filter(title_en=spec["title"]["en"]).exists():
            continue
        extra = {
            k: spec[k]
            for k in (
                "level",
                "language",
                "min_age",
                "max_age",
                "allow_groups",
                "max_group_size",
                "max_per_booker",
            )
            if k in spec
        }
        teachers = [_teacher(spec["teacher"])] if spec.get("teacher") else []
        program = program_create(
            title=spec["title"],
            description=spec["description"],
            kind=spec["kind"],
            teachers=teachers,
            is_published=True,
            # A wordless ornament picture (core.ornament) until the center has photographs.
            image=ContentFile(
                ornament.picture(spec["title"]["en"], size=(800, 450)), name=f"program-{spec['key']}.jpg"
            ),
            **extra,
        )
        space = spaces[spec["space"]]
        if "weekly" in spec:
            weekdays, start_time, minutes = spec["weekly"]
            first = today + dt.timedelta(days=1)
            last = first + dt.timedelta(weeks=spec["weeks"]) - dt.timedelta(days=1)
            skip = [_next(weekdays[0], first + dt.timedelta(weeks=3))]  # a holiday in the term
            created = sessions_generate_weekly(
                program=program,
                space=space,
                weekdays=weekdays,
                start_time=start_time,
                duration=dt.timedelta(minutes=minutes),
                first_day=first,
                last_day=last,
                skip=skip,
                capacity=spec.get("capacity"),
            )
        else:
            in_days, weekday, start_time, minutes = spec["once"]
            day = _next(weekday, today + dt.timedelta(days=in_days - 7))
            start = dt.datetime.combine(day, start_time, tzinfo=zone)
            created = [
                session_create(
                    program=program,
                    space=space,
                    start=start,
                    end=start + dt.timedelta(minutes=minutes),
                    setup_minutes=60,
                    cleanup_minutes=30,
                )
            ]
        sessions += len(created)
        programs[spec["key"]] = (program, created)
    registrations = 0
    if programs and not Registration.objects.exists():
        registrations = _registrations(programs)
    return {"programs": len(programs), "sessions": sessions, "registrations": registrations}


def _registrations(programs) -> int:
    count = 0
    guardian = person_create(name="Gulnara Akhmetova", language="kk", email="gulnara@example.org")
    if "felt" in programs:
        felt_session = programs["felt"][1][0]
        day = timezone.localtime(felt_session.start).date()
        for name, years in (("Aruzhan", 8), ("Timur", 11)):
            child = person_create(
                name=name,
                language="kk",
                birth_date=years_before(day, years),
                guardian=guardian,
                guardian_consent=True,
            )
            registration_create(session=felt_session, person=child, booker=guardian, notify=False)
            count += 1
    if "kazakh-a1" in programs:
        for name, lang, year in (
            ("Li Ming", "zh-hans", 1998),
            ("Zhang Yu", "zh-hans", 2001),
            ("Anna Petrova", "ru", 1990),
        ):
            person = person_create(
                name=name,
                language=lang,
                email=f"{name.split()[0].lower()}@example.org",
                birth_date=dt.date(year, 5, 17),
            )
            registration_create(
                session=programs["kazakh-a1"][1][0], person=person, email_verified=True, notify=False
            )
            count += 1
    if "tours" in programs:
        teacher = person_create(name="Wang Fang", language="zh-hans", email="wangfang@example.org")
        registration_create(
            session=programs["tours"][1][0],
            person=teacher,
            seats=32,
            group_name="Beijing No. 55 Middle School, class 7-3",
            notify=False,
        )
        count += 1
    if "concert" in programs:
        person = person_create(name="Nurlan Seitkali", language="kk", email="nurlan@example.org")
        registration_create(session=programs["concert"][1][0], person=person, notify=False)
        count += 1
    return count
