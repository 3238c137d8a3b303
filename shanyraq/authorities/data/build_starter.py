"""Writes starter.tsv, the center's starter authority file, from the compact tables below.

Run: .venv/bin/python shanyraq/authorities/data/build_starter.py  (the output is committed; the
loader reads only starter.tsv). Each row gives the four preferred forms; variant forms come with
the source they were taken from. Derived forms name the published system they follow:
- Kazakh persons and places: the Kazakh Cyrillic form transliterated after the 2021 Kazakh Latin
  alphabet (the table library/demo.py uses), and the Russian form romanized after BGN/PCGN;
- Russian persons: the Russian form romanized after BGN/PCGN (when unlike the English form);
- Chinese persons: Wade-Giles and Palladius forms of the pinyin, from the syllable tables search
  uses (search/romanizations.py), and the Russian form when it is the Palladius one;
- surnames alone, as readers type them, marked "short form in common use".
Hand-written variants carry a source code (SOURCES). They were written from the editors'
knowledge of those references and are to be checked against them by the librarians (decision 026).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from shanyraq.search.normalizer import segment_pinyin  # noqa: E402
from shanyraq.search.romanizations import palladius_forms, wade_giles_forms  # noqa: E402

SOURCES = {
    "L": "LC Name Authority File",
    "B": "Большая российская энциклопедия",
    "K": "Қазақ ұлттық энциклопедиясы",
    "C": "中国大百科全书",
    "W": "Wikidata (aliases)",
    "T": "Wikidata (zh-Hant label)",
}
KZ_LATIN_SOURCE = "Kazakh Latin alphabet (2021), transliterated"
BGN_SOURCE = "BGN/PCGN romanization of the Russian form"
WG_SOURCE = "Wade-Giles romanization"
PALLADIUS_SOURCE = "Palladius system (Russian sinology)"
PINYIN_SOURCE = "Hanyu Pinyin"
SHORT_SOURCE = "short form in common use"

KZ_LATIN = dict(
    zip(
        "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
        "a ä b v g ğ d e yo j z i i k q l m n ñ o ö p r s t u ū ü f h h ts ch ş şç _ y ı _ e yu ya".split(),  # noqa: SIM905
        strict=True,
    )
)
BGN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        "a b v g d ye yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya a g k n o u u h i".split(),  # noqa: SIM905
        strict=True,
    )
)
# Surnames that are also common words, and titles that are no surname (Tole Bi, Korkyt Ata).
NO_SHORT = {
    *("белый", "горький", "блок", "бек", "летописец", "великий", "i"),
    *("сал", "сері", "сери", "хан", "khan", "би", "bi", "ата", "ata", "қайғы", "кайгы", "kaigy"),
    *("жырау", "zhyrau", "sal", "seri", "great", "chronicler"),
}


def _translit(text: str, table: dict[str, str], word_initial_e: str = "") -> str:
    out = []
    prev = " "
    for ch in text:
        low = ch.lower()
        if low in table:
            value = table[low].replace("_", "")
            if low == "е" and word_initial_e and not prev.isalpha():
                value = word_initial_e
            elif low == "е" and table is BGN and prev.lower() not in "аеёиоуыэюяъь" and prev.isalpha():
                value = "e"
            if ch.isupper():
                value = "İ" if table is KZ_LATIN and low in "ий" else value.capitalize()
            out.append(value)
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def kz_latin(text: str) -> str:
    return _translit(text, KZ_LATIN)


def bgn(text: str) -> str:
    return _translit(text, BGN, word_initial_e="ye")


WG = dict(wade_giles_forms())
# pypinyin's Wade-Giles table writes these -ai syllables as -ei; Wade-Giles keeps -ai (Li Tai-po,
# Mao Tse-tung's "Hai-nan"). Reported to search (romanizations.py reads the same table).
WG.update({s: s for s in ("ai", "hai", "mai", "nai", "wai", "lai", "sai", "shai")})
PALLADIUS = palladius_forms()


def _syllables(word: str) -> list[str]:
    parts: list[str] = []
    for piece in word.lower().replace("ü", "v").split("'"):
        found = segment_pinyin(piece.replace("v", "u")) if piece else ()
        if not found:
            raise ValueError(f"not pinyin: {word}")
        parts += list(found)
    return parts


def wade_giles(pinyin: str) -> str:
    words = []
    for word in pinyin.split():
        sy = [WG.get(s, s) for s in _syllables(word)]
        words.append("-".join(sy).capitalize())
    return " ".join(words)


def palladius(pinyin: str) -> str:
    words = []
    for word in pinyin.split():
        out = ""
        for s in _syllables(word):
            form = PALLADIUS.get(s, s)
            if out.endswith("н") and form[:1] in "аэоеияую":
                out += "ъ"
            out += form
        words.append(out.capitalize())
    return " ".join(words)


def _variants(extra: str) -> list[tuple[str, str]]:
    """ "form@S; form@S" → [(form, source)]."""
    result = []
    for item in filter(None, (x.strip() for x in extra.split(";"))):
        text, _at, code = item.rpartition("@")
        if not text or code not in SOURCES:
            raise ValueError(f"variant needs @source: {item!r}")
        result.append((text.strip(), SOURCES[code]))
    return result


def _short(name: str, sep: str = " ") -> str:
    last = name.split(sep)[-1].strip()
    bare = last.lower().split("-")[-1]
    return "" if last == name.strip() or bare in NO_SHORT or len(last) < 3 else last


ROWS: list[dict] = []


def add(id_, kind, en, ru, kk, zh, dates="", note="", variants=()):
    seen = {en, ru, kk, zh}
    vs = []
    for text, source in variants:
        if text and text not in seen:
            seen.add(text)
            vs.append([text, source])
    ROWS.append(
        {
            "id": id_,
            "kind": kind,
            "dates": dates,
            "name_zh_hans": zh,
            "name_en": en,
            "name_kk": kk,
            "name_ru": ru,
            "note_en": note,
            "variants": vs,
        }
    )


def _table(text: str) -> list[list[str]]:
    rows = []
    for line in text.strip().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("|")])
    return rows


def _person_shorts(en, ru, kk, zh):
    return [
        (_short(en), SHORT_SOURCE),
        (_short(ru), SHORT_SOURCE),
        (_short(kk), SHORT_SOURCE),
        (_short(zh, "·"), SHORT_SOURCE),
    ]


# Kazakh persons: id | dates | en | ru | kk | zh | extra variants
KAZAKH = """
abai|1845-1904|Abai Qunanbaiuly|Абай Кунанбаев|Абай Құнанбайұлы|阿拜·库南拜乌勒|Абай@K; Abai@L; Abay Kunanbayev@W; Ибрагим Кунанбаев@B; 阿拜@C; Ибраһим Құнанбайұлы@K
auezov|1897-1961|Mukhtar Auezov|Мухтар Ауэзов|Мұхтар Әуезов|穆合塔尔·阿乌埃佐夫|Mukhtar Omarkhanovich Auezov@W; Auezov, Mukhtar@L; Мухтар Омарханович Ауэзов@B
yesenberlin|1915-1983|Ilyas Yesenberlin|Ильяс Есенберлин|Ілияс Есенберлин|伊利亚斯·叶先别尔林|Ilias Esenberlin@L
baitursynuly|1872-1937|Akhmet Baitursynuly|Ахмет Байтурсынов|Ахмет Байтұрсынұлы|艾哈迈德·拜图尔瑟努勒|Akhmet Baitursynov@W; Ахмет Байтурсынулы@B
dulatuly|1885-1935|Mirzhakyp Dulatuly|Миржакып Дулатов|Міржақып Дулатұлы|米尔扎克普·杜拉托夫|Mirzhakyp Dulatov@W
kobeev|1878-1956|Spandiyar Kobeev|Спандияр Кубеев|Спандияр Көбеев|斯潘迪亚尔·科别耶夫|Spandiyar Kubeyev@W
mailin|1894-1938|Beimbet Mailin|Беимбет Майлин|Бейімбет Майлин|别伊姆别特·迈林|Beyimbet Maylin@W
aimauytov|1889-1931|Zhusipbek Aimauytov|Жусупбек Аймаутов|Жүсіпбек Аймауытов|朱瑟普别克·艾毛特|Zhusupbek Aimautov@W
seifullin|1894-1938|Saken Seifullin|Сакен Сейфуллин|Сәкен Сейфуллин|萨肯·赛福林|Saken Seyfullin@W
zhansugurov|1894-1938|Ilyas Zhansugurov|Ильяс Джансугуров|Ілияс Жансүгіров|伊利亚斯·江苏古罗夫|Ilyas Dzhansugurov@W
zhumabaev|1893-1938|Magzhan Zhumabaev|Магжан Жумабаев|Мағжан Жұмабаев|马格然·朱马巴耶夫|Magzhan Zhumabayev@W
mukanov|1900-1973|Sabit Mukanov|Сабит Муканов|Сәбит Мұқанов|萨比特·穆卡诺夫|Sabit Muqanov@W
musrepov|1902-1985|Gabit Musrepov|Габит Мусрепов|Ғабит Мүсірепов|加比特·穆斯列波夫|Ğabit Müsirepov@W
shakarim|1858-1931|Shakarim Kudaiberdiuly|Шакарим Кудайбердиев|Шәкәрім Құдайбердіұлы|沙卡里姆·库代别尔德乌勒|Шакарим@B; Shakarim@W
kekilbayev|1939-2015|Abish Kekilbayev|Абиш Кекилбаев|Әбіш Кекілбаев|阿比什·克基尔巴耶夫|Abish Kekilbaev@W
mustafin|1902-1985|Gabiden Mustafin|Габиден Мустафин|Ғабиден Мұстафин|加比登·穆斯塔芬|
sokpakbayev|1924-1991|Berdibek Sokpakbayev|Бердибек Сокпакбаев|Бердібек Соқпақбаев|别尔迪别克·索克帕克巴耶夫|
nurpeisov|1924-2022|Abdizhamil Nurpeisov|Абдижамил Нурпеисов|Әбдіжәміл Нұрпейісов|阿布季贾米尔·努尔佩伊索夫|
zhumadilov||Kabdesh Zhumadilov|Кабдеш Жумадилов|Қабдеш Жұмаділов|卡布德什·朱马季洛夫|
murtaza|1932-2018|Sherkhan Murtaza|Шерхан Муртаза|Шерхан Мұртаза|谢尔汗·穆尔塔扎|
akhtanov|1923-1994|Takhawi Akhtanov|Тахави Ахтанов|Тахауи Ахтанов|塔哈维·阿赫塔诺夫|
bokey|1943-1993|Oralkhan Bokey|Оралхан Бокеев|Оралхан Бөкей|奥拉尔汗·博凯|Oralkhan Bokeev@W
magauin||Mukhtar Magauin|Мухтар Магауин|Мұхтар Мағауин|穆赫塔尔·马高因|
isabekov|1942|Dulat Isabekov|Дулат Исабеков|Дулат Исабеков|杜拉特·伊萨别科夫|
nurshaikhov|1922-2013|Azilkhan Nurshaikhov|Азильхан Нуршаихов|Әзілхан Нұршайықов|阿济尔汗·努尔沙伊霍夫|
kurmangazy|1818-1889|Kurmangazy Sagyrbayuly|Курмангазы Сагырбаев|Құрманғазы Сағырбайұлы|库尔曼加齐·萨格尔巴耶夫|Курмангазы@B; Құрманғазы@K; Kurmangazy@W; 库尔曼加齐@C
altynsarin|1841-1889|Ibrai Altynsarin|Ибрай Алтынсарин|Ыбырай Алтынсарин|伊布赖·阿尔腾萨林|Ibrahim Altynsarin@W
suleimenov|1936|Olzhas Suleimenov|Олжас Сулейменов|Олжас Сүлейменов|奥尔扎斯·苏莱缅诺夫|Olzhas Suleymenov@W
valikhanov|1835-1865|Shokan Ualikhanov|Чокан Валиханов|Шоқан Уәлиханов|乔坎·瓦利汉诺夫|Chokan Valikhanov@L; Мухаммед-Ханафия Валиханов@B
momyshuly|1910-1982|Baurzhan Momyshuly|Бауыржан Момышулы|Бауыржан Момышұлы|包尔江·莫米什乌勒|Baurzhan Momysh-uly@W
nurpeisova|1861-1955|Dina Nurpeisova|Дина Нурпеисова|Дина Нұрпейісова|季娜·努尔佩伊索娃|
tattimbet|1815-1862|Tattimbet Kazangapuly|Таттимбет Казангапов|Тәттімбет Қазанғапұлы|塔蒂姆别特·卡赞加普乌勒|Таттимбет@B
zhubanov|1906-1968|Akhmet Zhubanov|Ахмет Жубанов|Ахмет Жұбанов|艾哈迈德·朱巴诺夫|
tulebayev|1913-1960|Mukan Tulebayev|Мукан Тулебаев|Мұқан Төлебаев|穆坎·图列巴耶夫|
tlendiyev|1925-1998|Nurgisa Tlendiyev|Нургиса Тлендиев|Нұрғиса Тілендиев|努尔吉萨·特连季耶夫|
kaldayakov|1930-1992|Shamshi Kaldayakov|Шамши Калдаяков|Шәмші Қалдаяқов|沙姆希·卡尔达亚科夫|
birzhan|1834-1897|Birzhan Sal|Биржан-сал|Біржан сал|比尔詹·萨勒|Биржан сал Кожагулов@B; Біржан сал Қожағұлұлы@K
akan|1843-1913|Akan Seri|Акан-сери|Ақан сері|阿坎·谢里|Ақан сері Қорамсаұлы@K; Акан-сери Корамсин@B
zhambyl|1846-1945|Zhambyl Zhabayev|Джамбул Джабаев|Жамбыл Жабаев|江布尔·扎巴耶夫|Dzhambul Dzhabaev@L; Jambyl Jabayev@W; Жамбыл@K; Джамбул@B
suyunbai|1815-1898|Suyunbai Aronuly|Суюнбай Аронулы|Сүйінбай Аронұлы|苏云拜·阿隆乌勒|
makhambet|1803-1846|Makhambet Utemisuly|Махамбет Утемисов|Махамбет Өтемісұлы|马汉别特·乌捷米索夫|Махамбет@K
abylai|1711-1781|Abylai Khan|Аблай-хан|Абылай хан|阿布赉汗|Ablai Khan@W; 阿布赉@C; Абылай@K
kenesary|1802-1847|Kenesary Kasymov|Кенесары Касымов|Кенесары Қасымұлы|克涅萨雷·卡瑟莫夫|Kenesary Khan@W; Кенесары хан@K
tole|1663-1756|Tole Bi|Толе би|Төле би|托列比|Tole Bi Alibekuly@W
kazybek|1667-1764|Kazybek Bi|Казыбек би|Қазыбек би|卡兹别克比|
aiteke||Aiteke Bi|Айтеке би|Әйтеке би|艾捷克比|
farabi||Al-Farabi|Аль-Фараби|Әл-Фараби|法拉比|Abu Nasr al-Farabi@L; Alpharabius@W; Абу Наср аль-Фараби@B
yassawi|1093-1166|Khoja Akhmet Yassawi|Ходжа Ахмед Ясави|Қожа Ахмет Ясауи|霍加·艾哈迈德·亚萨维|Ahmad Yasawi@W; Ахмед Ясави@B
balasaguni||Yusuf Balasaguni|Юсуф Баласагуни|Жүсіп Баласағұн|玉素甫·哈斯·哈吉甫|Yusuf Khass Hajib@W; 优素甫·哈斯·哈吉甫@C
kashgari||Mahmud al-Kashgari|Махмуд Кашгари|Махмұд Қашқари|麻赫穆德·喀什噶里|Mahmud Kashgari@W
kerei||Kerei Khan|Керей-хан|Керей хан|克烈汗|
zhanibek||Zhanibek Khan|Джанибек-хан|Жәнібек хан|贾尼别克汗|
kasym||Kasym Khan|Касым-хан|Қасым хан|哈斯木汗|
tauke||Tauke Khan|Тауке-хан|Тәуке хан|头克汗|
bokeikhanov|1866-1937|Alikhan Bokeikhanov|Алихан Букейханов|Әлихан Бөкейхан|阿利汗·博凯汗诺夫|Alikhan Bukeikhanov@W; Әлихан Бөкейханов@K
satpayev|1899-1964|Kanysh Satpayev|Каныш Сатпаев|Қаныш Сәтбаев|卡内什·萨特巴耶夫|Kanysh Satbayev@W
kunayev|1912-1993|Dinmukhamed Kunayev|Динмухамед Кунаев|Дінмұхамед Қонаев|丁穆罕默德·库纳耶夫|Dinmukhamed Konayev@W
moldagulova|1925-1944|Aliya Moldagulova|Алия Молдагулова|Әлия Молдағұлова|阿利娅·莫尔达古洛娃|
mametova|1922-1943|Manshuk Mametova|Маншук Маметова|Мәншүк Мәметова|曼舒克·马梅托娃|
zhienkulova|1912-1991|Shara Zhienkulova|Шара Жиенкулова|Шара Жиенқұлова|沙拉·日延库洛娃|
baiseitova|1912-1957|Kulash Baiseitova|Куляш Байсеитова|Күләш Байсейітова|库拉什·拜塞伊托娃|
kashaubayev|1888-1934|Amre Kashaubayev|Амре Кашаубаев|Әміре Қашаубаев|阿姆列·卡绍巴耶夫|
kasteyev|1904-1973|Abylkhan Kasteyev|Абылхан Кастеев|Әбілхан Қастеев|阿贝尔汗·卡斯捷耶夫|
baglanova|1922-2011|Roza Baglanova|Роза Багланова|Роза Бағланова|罗扎·巴格拉诺娃|
tulegenova|1929|Bibigul Tulegenova|Бибигуль Тулегенова|Бибігүл Төлегенова|比比古丽·图列根诺娃|
serkebayev|1926-2013|Yermek Serkebayev|Ермек Серкебаев|Ермек Серкебаев|叶尔梅克·谢尔克巴耶夫|
zhubanova|1927-1993|Gaziza Zhubanova|Газиза Жубанова|Ғазиза Жұбанова|加济扎·朱巴诺娃|
baizakov|1900-1946|Isa Baizakov|Иса Байзаков|Иса Байзақов|伊萨·拜扎科夫|
tynyshpayev|1879-1937|Mukhamedzhan Tynyshpayev|Мухамеджан Тынышпаев|Мұхамеджан Тынышбаев|穆罕默德江·特内什巴耶夫|
toraigyrov|1893-1920|Sultanmakhmut Toraigyrov|Султанмахмут Торайгыров|Сұлтанмахмұт Торайғыров|苏尔坦马赫穆特·托赖格罗夫|
myrzaali|1935-2011|Kadyr Myrza Ali|Кадыр Мырза-Али|Қадыр Мырза Әлі|卡德尔·默尔扎·阿利|
makatayev|1931-1976|Mukagali Makatayev|Мукагали Макатаев|Мұқағали Мақатаев|穆卡加利·马卡塔耶夫|Мұқағали@K
t_moldagaliyev|1935-2011|Tumanbai Moldagaliyev|Туманбай Молдагалиев|Тұманбай Молдағалиев|图曼拜·莫尔达加利耶夫|
zh_moldagaliyev|1920-1988|Zhuban Moldagaliyev|Жубан Мулдагалиев|Жұбан Молдағалиев|朱班·莫尔达加利耶夫|
kairbekov|1928-1994|Gafu Kairbekov|Гафу Кайырбеков|Ғафу Қайырбеков|加甫·凯尔别科夫|
a_suleimenov|1938-1992|Askar Suleimenov|Аскар Сулейменов|Асқар Сүлейменов|阿斯卡尔·苏莱缅诺夫|
abdik|1942|Tolen Abdik|Толен Абдиков|Төлен Әбдік|托连·阿布季克|
yelubay|1947|Smagul Yelubay|Смагул Елубаев|Смағұл Елубай|斯马古尔·叶卢拜|
seisenbayev|1946|Rollan Seisenbayev|Роллан Сейсенбаев|Роллан Сейсенбаев|罗兰·谢伊先巴耶夫|
belger|1934-2015|Herold Belger|Герольд Бельгер|Герольд Бельгер|格罗尔德·贝尔格|
seidimbek|1942-2009|Akseleu Seidimbek|Акселеу Сейдимбек|Ақселеу Сейдімбек|阿克谢列乌·赛季姆别克|
bukhar|1668-1781|Bukhar Zhyrau|Бухар-жырау|Бұқар жырау|布哈尔·热劳|Бұқар жырау Қалқаманұлы@K
asan_kaigy||Asan Kaigy|Асан Кайгы|Асан Қайғы|阿山·凯格|
korkyt||Korkyt Ata|Коркыт-ата|Қорқыт ата|阔尔克特|Dede Korkut@W
khamidi|1906-1983|Latif Khamidi|Латиф Хамиди|Латиф Хамиди|拉季夫·哈米季|
imanov|1873-1919|Amangeldy Imanov|Амангельды Иманов|Амангелді Иманов|阿曼盖尔德·伊马诺夫|Амангелді@K
"""

# Russian and Soviet persons: id | dates | en | ru | zh | extra  (Kazakh uses the Russian form)
RUSSIAN = """
dostoevsky|1821-1881|Fyodor Dostoevsky|Фёдор Достоевский|费奥多尔·陀思妥耶夫斯基|Dostoyevsky, Fyodor@L; Федор Михайлович Достоевский@B; 陀思妥耶夫斯基@C
tolstoy|1828-1910|Leo Tolstoy|Лев Толстой|列夫·托尔斯泰|Lev Tolstoy@W; Tolstoy, Leo, graf@L; Лев Николаевич Толстой@B; 托尔斯泰@C
chekhov|1860-1904|Anton Chekhov|Антон Чехов|安东·契诃夫|Anton Pavlovich Chekhov@W; Антон Павлович Чехов@B; 契诃夫@C
turgenev|1818-1883|Ivan Turgenev|Иван Тургенев|伊万·屠格涅夫|Иван Сергеевич Тургенев@B; 屠格涅夫@C
pushkin|1799-1837|Alexander Pushkin|Александр Пушкин|亚历山大·普希金|Aleksandr Pushkin@W; Александр Сергеевич Пушкин@B; 普希金@C
gogol|1809-1852|Nikolai Gogol|Николай Гоголь|尼古莱·果戈理|Nikolay Gogol@W; Николай Васильевич Гоголь@B; 果戈理@C
aitmatov|1928-2008|Chingiz Aitmatov|Чингиз Айтматов|钦吉斯·艾特玛托夫|Chyngyz Aitmatov@W; Шыңғыс Айтматов@K; 艾特玛托夫@C
bulgakov|1891-1940|Mikhail Bulgakov|Михаил Булгаков|米哈伊尔·布尔加科夫|Михаил Афанасьевич Булгаков@B; 布尔加科夫@C
gorky|1868-1936|Maxim Gorky|Максим Горький|马克西姆·高尔基|Алексей Максимович Пешков@B; Aleksei Peshkov@W; 高尔基@C
l_gumilyov|1912-1992|Lev Gumilyov|Лев Гумилёв|列夫·古米廖夫|Lev Gumilev@W; Лев Николаевич Гумилёв@B
bunin|1870-1953|Ivan Bunin|Иван Бунин|伊万·蒲宁|Иван Алексеевич Бунин@B; 蒲宁@C
solzhenitsyn|1918-2008|Aleksandr Solzhenitsyn|Александр Солженицын|亚历山大·索尔仁尼琴|Alexander Solzhenitsyn@W; 索尔仁尼琴@C
leskov|1831-1895|Nikolai Leskov|Николай Лесков|尼古拉·列斯科夫|
sholokhov|1905-1984|Mikhail Sholokhov|Михаил Шолохов|米哈伊尔·肖洛霍夫|肖洛霍夫@C
lermontov|1814-1841|Mikhail Lermontov|Михаил Лермонтов|米哈伊尔·莱蒙托夫|莱蒙托夫@C
nabokov|1899-1977|Vladimir Nabokov|Владимир Набоков|弗拉基米尔·纳博科夫|V. Sirin@W; Владимир Сирин@B; 纳博科夫@C
kuprin|1870-1938|Aleksandr Kuprin|Александр Куприн|亚历山大·库普林|Alexander Kuprin@W
goncharov|1812-1891|Ivan Goncharov|Иван Гончаров|伊万·冈察洛夫|冈察洛夫@C
mayakovsky|1893-1930|Vladimir Mayakovsky|Владимир Маяковский|弗拉基米尔·马雅可夫斯基|马雅可夫斯基@C
a_strugatsky|1925-1991|Arkady Strugatsky|Аркадий Стругацкий|阿尔卡季·斯特鲁伽茨基|
b_strugatsky|1933-2012|Boris Strugatsky|Борис Стругацкий|鲍里斯·斯特鲁伽茨基|
akhmatova|1889-1966|Anna Akhmatova|Анна Ахматова|安娜·阿赫玛托娃|Анна Андреевна Горенко@B; 阿赫玛托娃@C
platonov|1899-1951|Andrei Platonov|Андрей Платонов|安德烈·普拉东诺夫|Andrey Platonov@W
a_ostrovsky|1823-1886|Alexander Ostrovsky|Александр Островский|亚历山大·奥斯特洛夫斯基|Aleksandr Ostrovsky@W
dombrovsky|1909-1978|Yury Dombrovsky|Юрий Домбровский|尤里·多姆布罗夫斯基|Yuri Dombrovsky@W
yesenin|1895-1925|Sergei Yesenin|Сергей Есенин|谢尔盖·叶赛宁|Sergey Esenin@W; 叶赛宁@C
nekrasov|1821-1878|Nikolay Nekrasov|Николай Некрасов|尼古拉·涅克拉索夫|Nikolai Nekrasov@W
saltykov|1826-1889|Mikhail Saltykov-Shchedrin|Михаил Салтыков-Щедрин|米哈伊尔·萨尔蒂科夫-谢德林|N. Shchedrin@W
ulitskaya|1943|Lyudmila Ulitskaya|Людмила Улицкая|柳德米拉·乌利茨卡娅|Ludmila Ulitskaya@W
paustovsky|1892-1968|Konstantin Paustovsky|Константин Паустовский|康斯坦丁·帕乌斯托夫斯基|
babel|1894-1940|Isaac Babel|Исаак Бабель|伊萨克·巴别尔|Isaak Babel@W
ilf|1897-1937|Ilya Ilf|Илья Ильф|伊利亚·伊利夫|Иехиел-Лейб Файнзильберг@B
petrov|1902-1942|Yevgeny Petrov|Евгений Петров|叶夫根尼·彼得罗夫|Евгений Петрович Катаев@B
rasputin|1937-2015|Valentin Rasputin|Валентин Распутин|瓦连京·拉斯普京|
pasternak|1890-1960|Boris Pasternak|Борис Пастернак|鲍里斯·帕斯捷尔纳克|帕斯捷尔纳克@C
fadeyev|1901-1956|Alexander Fadeyev|Александр Фадеев|亚历山大·法捷耶夫|Aleksandr Fadeyev@W
trifonov|1925-1981|Yury Trifonov|Юрий Трифонов|尤里·特里丰诺夫|Yuri Trifonov@W
olesha|1899-1960|Yury Olesha|Юрий Олеша|尤里·奥列沙|Yuri Olesha@W
sologub|1863-1927|Fyodor Sologub|Фёдор Сологуб|费奥多尔·索洛古勃|Фёдор Кузьмич Тетерников@B
dovlatov|1941-1990|Sergei Dovlatov|Сергей Довлатов|谢尔盖·多甫拉托夫|
mandelstam|1891-1938|Osip Mandelstam|Осип Мандельштам|奥西普·曼德尔施塔姆|
chernyshevsky|1828-1889|Nikolay Chernyshevsky|Николай Чернышевский|尼古拉·车尔尼雪夫斯基|车尔尼雪夫斯基@C
przhevalsky|1839-1888|Nikolay Przhevalsky|Николай Пржевальский|尼古拉·普尔热瓦尔斯基|Nikolai Przhevalsky@W
n_ostrovsky|1904-1936|Nikolai Ostrovsky|Николай Островский|尼古拉·奥斯特洛夫斯基|
nestor||Nestor the Chronicler|Нестор Летописец|涅斯托尔|Nestor Letopisets@W
tsvetaeva|1892-1941|Marina Tsvetaeva|Марина Цветаева|玛丽娜·茨维塔耶娃|Marina Tsvetayeva@W
l_andreyev|1871-1919|Leonid Andreyev|Леонид Андреев|列昂尼德·安德烈耶夫|
simonov|1915-1979|Konstantin Simonov|Константин Симонов|康斯坦丁·西蒙诺夫|
brodsky|1940-1996|Joseph Brodsky|Иосиф Бродский|约瑟夫·布罗茨基|Iosif Brodsky@W
zamyatin|1884-1937|Yevgeny Zamyatin|Евгений Замятин|叶夫根尼·扎米亚京|
vodolazkin|1964|Eugene Vodolazkin|Евгений Водолазкин|叶夫根尼·沃多拉兹金|
furmanov|1891-1926|Dmitry Furmanov|Дмитрий Фурманов|德米特里·富尔曼诺夫|
grumm|1860-1936|Grigory Grumm-Grzhimailo|Григорий Грумм-Гржимайло|格里戈里·格鲁姆-格日迈洛|
pelevin|1962|Victor Pelevin|Виктор Пелевин|维克多·佩列文|
astafyev|1924-2001|Viktor Astafyev|Виктор Астафьев|维克多·阿斯塔菲耶夫|
v_yerofeyev|1938-1990|Venedikt Yerofeyev|Венедикт Ерофеев|韦涅季克特·叶罗费耶夫|
shukshin|1929-1974|Vasily Shukshin|Василий Шукшин|瓦西里·舒克申|
grossman|1905-1964|Vasily Grossman|Василий Гроссман|瓦西里·格罗斯曼|
b_vasilyev|1924-2013|Boris Vasilyev|Борис Васильев|鲍里斯·瓦西里耶夫|
bely|1880-1934|Andrei Bely|Андрей Белый|安德烈·别雷|Борис Николаевич Бугаев@B
khazanov|1943|Anatoly Khazanov|Анатолий Хазанов|阿纳托利·哈扎诺夫|Anatoly M. Khazanov@W
tvardovsky|1910-1971|Aleksandr Tvardovsky|Александр Твардовский|亚历山大·特瓦尔多夫斯基|
griboyedov|1795-1829|Alexander Griboyedov|Александр Грибоедов|亚历山大·格里博耶多夫|
herzen|1812-1870|Alexander Herzen|Александр Герцен|亚历山大·赫尔岑|赫尔岑@C
blok|1880-1921|Alexander Blok|Александр Блок|亚历山大·勃洛克|
bek|1903-1972|Alexander Bek|Александр Бек|亚历山大·别克|
tchaikovsky|1840-1893|Pyotr Ilyich Tchaikovsky|Пётр Чайковский|彼得·伊里奇·柴可夫斯基|Tchaikovsky, Peter Ilich@L; Pyotr Tchaikovsky@W; Пётр Ильич Чайковский@B; 柴可夫斯基@C
shostakovich|1906-1975|Dmitri Shostakovich|Дмитрий Шостакович|德米特里·肖斯塔科维奇|Shostakovich, Dmitrii Dmitrievich@L; Дмитрий Дмитриевич Шостакович@B; 肖斯塔科维奇@C
rachmaninoff|1873-1943|Sergei Rachmaninoff|Сергей Рахманинов|谢尔盖·拉赫玛尼诺夫|Rachmaninoff, Sergei@L; Sergei Rachmaninov@W; 拉赫玛尼诺夫@C
prokofiev|1891-1953|Sergei Prokofiev|Сергей Прокофьев|谢尔盖·普罗科菲耶夫|Prokofiev, Sergey@L; 普罗科菲耶夫@C
glinka|1804-1857|Mikhail Glinka|Михаил Глинка|米哈伊尔·格林卡|格林卡@C
rimsky|1844-1908|Nikolai Rimsky-Korsakov|Николай Римский-Корсаков|尼古拉·里姆斯基-科萨科夫|Rimsky-Korsakov, Nikolay@L; 里姆斯基-科萨科夫@C
mussorgsky|1839-1881|Modest Mussorgsky|Модест Мусоргский|莫杰斯特·穆索尔斯基|Musorgsky, Modest Petrovich@L; 穆索尔斯基@C
borodin|1833-1887|Alexander Borodin|Александр Бородин|亚历山大·鲍罗丁|鲍罗丁@C
stravinsky|1882-1971|Igor Stravinsky|Игорь Стравинский|伊戈尔·斯特拉文斯基|斯特拉文斯基@C
khachaturian|1903-1978|Aram Khachaturian|Арам Хачатурян|阿拉姆·哈恰图良|哈恰图良@C
scriabin|1872-1915|Alexander Scriabin|Александр Скрябин|亚历山大·斯克里亚宾|Aleksandr Skryabin@W
lomonosov|1711-1765|Mikhail Lomonosov|Михаил Ломоносов|米哈伊尔·罗蒙诺索夫|罗蒙诺索夫@C
semenov|1827-1914|Pyotr Semenov-Tyan-Shansky|Пётр Семёнов-Тян-Шанский|彼得·谢苗诺夫-天山斯基|Pyotr Semyonov-Tyan-Shansky@W
potanin|1835-1920|Grigory Potanin|Григорий Потанин|格里戈里·波塔宁|
radlov|1837-1918|Wilhelm Radloff|Василий Радлов|威廉·拉德洛夫|Vasily Radlov@W; Friedrich Wilhelm Radloff@W
peter_great|1672-1725|Peter the Great|Пётр I|彼得大帝|Peter I@W; Пётр Великий@B; 彼得一世@C
brusilovsky|1905-1981|Yevgeny Brusilovsky|Евгений Брусиловский|叶甫根尼·布鲁西洛夫斯基|Evgenii Brusilovskii@L
"""

# English-language and other authors: id | dates | en | ru | zh | extra  (Kazakh uses the Russian form)
OTHERS = """
dickens|1812-1870|Charles Dickens|Чарльз Диккенс|查尔斯·狄更斯|狄更斯@C
shakespeare|1564-1616|William Shakespeare|Уильям Шекспир|威廉·莎士比亚|莎士比亚@C; 莎士比亞@T
austen|1775-1817|Jane Austen|Джейн Остин|简·奥斯汀|奥斯汀@C
woolf|1882-1941|Virginia Woolf|Вирджиния Вулф|弗吉尼亚·伍尔夫|伍尔夫@C
hardy|1840-1928|Thomas Hardy|Томас Харди|托马斯·哈代|哈代@C
hemingway|1899-1961|Ernest Hemingway|Эрнест Хемингуэй|欧内斯特·海明威|海明威@C
stevenson|1850-1894|Robert Louis Stevenson|Роберт Льюис Стивенсон|罗伯特·路易斯·史蒂文森|史蒂文森@C
conrad|1857-1924|Joseph Conrad|Джозеф Конрад|约瑟夫·康拉德|Józef Teodor Konrad Korzeniowski@W
steinbeck|1902-1968|John Steinbeck|Джон Стейнбек|约翰·斯坦贝克|斯坦贝克@C
joyce|1882-1941|James Joyce|Джеймс Джойс|詹姆斯·乔伊斯|乔伊斯@C
orwell|1903-1950|George Orwell|Джордж Оруэлл|乔治·奥威尔|Eric Arthur Blair@W; 奥威尔@C
eliot|1819-1880|George Eliot|Джордж Элиот|乔治·艾略特|Mary Ann Evans@W
forster|1879-1970|E. M. Forster|Эдвард Морган Форстер|爱德华·摩根·福斯特|Edward Morgan Forster@W
faulkner|1897-1962|William Faulkner|Уильям Фолкнер|威廉·福克纳|福克纳@C
collins|1824-1889|Wilkie Collins|Уилки Коллинз|威尔基·柯林斯|
leguin|1929-2018|Ursula K. Le Guin|Урсула Ле Гуин|厄休拉·勒古恩|Ursula Kroeber Le Guin@W
morrison|1931-2019|Toni Morrison|Тони Моррисон|托妮·莫里森|
kipling|1865-1936|Rudyard Kipling|Редьярд Киплинг|鲁德亚德·吉卜林|吉卜林@C
wilde|1854-1900|Oscar Wilde|Оскар Уайльд|奥斯卡·王尔德|王尔德@C
twain|1835-1910|Mark Twain|Марк Твен|马克·吐温|Samuel Langhorne Clemens@W; 马克·吐温@C
ishiguro|1954|Kazuo Ishiguro|Кадзуо Исигуро|石黑一雄|
tolkien|1892-1973|J. R. R. Tolkien|Джон Рональд Руэл Толкин|约翰·罗纳德·瑞尔·托尔金|托尔金@C
wells|1866-1946|H. G. Wells|Герберт Уэллс|赫伯特·乔治·威尔斯|Herbert George Wells@W
fitzgerald|1896-1940|F. Scott Fitzgerald|Фрэнсис Скотт Фицджеральд|弗朗西斯·斯科特·菲茨杰拉德|
wharton|1862-1937|Edith Wharton|Эдит Уортон|伊迪丝·华顿|
bronte|1816-1855|Charlotte Brontë|Шарлотта Бронте|夏洛蒂·勃朗特|Charlotte Bronte@W
weatherford|1946|Jack Weatherford|Джек Уэзерфорд|杰克·威泽弗德|
hopkirk|1930-2014|Peter Hopkirk|Питер Хопкирк|彼得·霍普柯克|
millward||James A. Millward|Джеймс Миллуорд|米华健|James Millward@W
genghis||Genghis Khan|Чингисхан|成吉思汗|Chinggis Khan@W; Шыңғыс хан@K; Temüjin@W; 铁木真@C
"""

# Chinese persons: id | dates | pinyin | hanzi | en (blank: pinyin) | ru (blank: Palladius) | extra
CHINESE = """
luxun|1881-1936|Lu Xun|鲁迅||Лу Синь|Zhou Shuren@W; 周树人@C; 魯迅@T; Lu Hsun@L
laoshe|1899-1966|Lao She|老舍|||Shu Qingchun@W; 舒庆春@C
jinyong|1924-2018|Jin Yong|金庸|||Louis Cha@W; Zha Liangyong@W; 查良镛@C
moyan|1955|Mo Yan|莫言|||Guan Moye@W; 管谟业@C
bajin|1904-2005|Ba Jin|巴金|||Li Yaotang@W; 李尧棠@C
lijuan|1979|Li Juan|李娟|||
caoyu|1910-1996|Cao Yu|曹禺|||Wan Jiabao@W; 万家宝@C
zhangailing|1920-1995|Zhang Ailing|张爱玲|||Eileen Chang@W; 張愛玲@T
fengmenglong|1574-1646|Feng Menglong|冯梦龙|||馮夢龍@T
yuhua|1960|Yu Hua|余华|||
maodun|1896-1981|Mao Dun|茅盾|||Shen Yanbing@W; 沈雁冰@C
zhangchengzhi|1948|Zhang Chengzhi|张承志|||
liucixin|1963|Liu Cixin|刘慈欣|||Cixin Liu@W
zhaoshuli|1906-1970|Zhao Shuli|赵树理|||
jiapingwa|1952|Jia Pingwa|贾平凹|||
xiaohong|1911-1942|Xiao Hong|萧红|||Zhang Naiying@W; 张乃莹@C
wangxiaobo|1952-1997|Wang Xiaobo|王小波|||
shencongwen|1902-1988|Shen Congwen|沈从文|||
shitiesheng|1951-2010|Shi Tiesheng|史铁生|||
bingxin|1900-1999|Bing Xin|冰心|||Xie Wanying@W; 谢婉莹@C
guomoruo|1892-1978|Guo Moruo|郭沫若|||
aiqing|1910-1996|Ai Qing|艾青|||Jiang Haicheng@W; 蒋海澄@C
xuzhimo|1897-1931|Xu Zhimo|徐志摩|||
hushi|1891-1962|Hu Shi|胡适|||Hu Shih@W
linyutang|1895-1976|Lin Yutang|林语堂|||林語堂@T
wangmeng|1934|Wang Meng|王蒙|||
confucius||Kong Zi|孔子|Confucius|Конфуций|Kong Qiu@W; 孔丘@C; Kongfuzi@W; K'ung Fu-tzu@L
laozi||Lao Zi|老子|Laozi|Лао-цзы|Lao Tzu@W; Li Er@W; 李耳@C
zhuangzi||Zhuang Zi|庄子|Zhuangzi|Чжуан-цзы|Chuang Tzu@W; Zhuang Zhou@W; 庄周@C; 莊子@T
mencius||Meng Zi|孟子|Mencius|Мэн-цзы|Meng Ke@W; 孟轲@C
simaqian||Sima Qian|司马迁|||司馬遷@T; Ssu-ma Chien@W
quyuan||Qu Yuan|屈原|||
libai|701-762|Li Bai|李白||Ли Бо|Li Po@L; Li Tai-po@W; 李太白@C
dufu|712-770|Du Fu|杜甫|||
baijuyi|772-846|Bai Juyi|白居易||Бо Цзюйи|Po Chü-i@L
wangwei||Wang Wei|王维|||王維@T
sushi|1037-1101|Su Shi|苏轼|||Su Dongpo@W; 苏东坡@C; Su Tung-p'o@W; 蘇軾@T
liqingzhao||Li Qingzhao|李清照|||
taoyuanming||Tao Yuanming|陶渊明|||Tao Qian@W; 陶潜@C
caoxueqin||Cao Xueqin|曹雪芹|||
wuchengen||Wu Cheng'en|吴承恩|||
luoguanzhong||Luo Guanzhong|罗贯中|||
shinaian||Shi Nai'an|施耐庵|||
pusongling|1640-1715|Pu Songling|蒲松龄|||
zhangqian||Zhang Qian|张骞|||張騫@T
xuanzang|602-664|Xuanzang|玄奘||Сюаньцзан|Hsüan-tsang@L; Tang Sanzang@W; 唐三藏@C
banchao||Ban Chao|班超|||
zhenghe|1371-1433|Zheng He|郑和|||鄭和@T
qinshihuang||Qin Shi Huang|秦始皇|||Ying Zheng@W; 嬴政@C
xianxinghai|1905-1945|Xian Xinghai|冼星海|||Сянь Синхай@B
nieer|1912-1935|Nie Er|聂耳|||Nie Shouxin@W; 聂守信@C
liutianhua|1895-1932|Liu Tianhua|刘天华|||
abing|1893-1950|Hua Yanjun|华彦钧|||Abing@W; 阿炳@C; 瞎子阿炳@C
heluting|1903-1999|He Luting|贺绿汀|||
tandun|1957|Tan Dun|谭盾|||
wangluobin|1913-1996|Wang Luobin|王洛宾|||
masicong|1912-1987|Ma Sicong|马思聪|||
langlang|1982|Lang Lang|郎朗|||
qibaishi|1864-1957|Qi Baishi|齐白石|||
xubeihong|1895-1953|Xu Beihong|徐悲鸿|||
"""

# Places: id | en | ru | kk | zh | extra
PLACES = """
almaty|Almaty|Алматы|Алматы|阿拉木图|Alma-Ata@L; Алма-Ата@B; Верный@B; Vernyi@W
astana|Astana|Астана|Астана|阿斯塔纳|Nur-Sultan@W; Нур-Султан@B; Akmola@W; Акмола@B; Tselinograd@W; Целиноград@B; Akmolinsk@W; Акмолинск@B
semey|Semey|Семей|Семей|塞米伊|Semipalatinsk@L; Семипалатинск@B; 塞米巴拉金斯克@C
shymkent|Shymkent|Шымкент|Шымкент|奇姆肯特|Chimkent@W; Чимкент@B
turkistan|Turkistan|Туркестан|Түркістан|突厥斯坦|Turkestan@W; Яссы@B
taraz|Taraz|Тараз|Тараз|塔拉兹|Dzhambul@W; Джамбул@B; Aulie-Ata@W; Аулие-Ата@B; 怛罗斯@C
karaganda|Karaganda|Караганда|Қарағанды|卡拉干达|Qaraghandy@W
oral|Oral|Уральск|Орал|乌拉尔斯克|Uralsk@W
aktobe|Aktobe|Актобе|Ақтөбе|阿克托别|Aktyubinsk@W; Актюбинск@B
atyrau|Atyrau|Атырау|Атырау|阿特劳|Guryev@W; Гурьев@B
pavlodar|Pavlodar|Павлодар|Павлодар|巴甫洛达尔|
kyzylorda|Kyzylorda|Кызылорда|Қызылорда|克孜勒奥尔达|Ak-Mechet@W; Ак-Мечеть@B; Perovsk@W; Перовск@B
oskemen|Oskemen|Усть-Каменогорск|Өскемен|乌斯季卡缅诺戈尔斯克|Ust-Kamenogorsk@W
petropavl|Petropavl|Петропавловск|Петропавл|彼得罗巴甫尔|Petropavlovsk@W
kostanay|Kostanay|Костанай|Қостанай|科斯塔奈|Kustanai@W; Кустанай@B
taldykorgan|Taldykorgan|Талдыкорган|Талдықорған|塔尔迪库尔干|
zhezkazgan|Zhezkazgan|Жезказган|Жезқазған|杰兹卡兹甘|Dzhezkazgan@W
baikonur|Baikonur|Байконур|Байқоңыр|拜科努尔|Baykonur@W
aktau|Aktau|Актау|Ақтау|阿克套|Shevchenko@W
kokshetau|Kokshetau|Кокшетау|Көкшетау|科克舍套|Kokchetav@W; Кокчетав@B
otrar|Otrar|Отрар|Отырар|讹答剌|Farab@W
sayram|Sayram|Сайрам|Сайрам|赛兰|Isfijab@W
kazakhstan|Kazakhstan|Казахстан|Қазақстан|哈萨克斯坦|Republic of Kazakhstan@W; Kazakh SSR@W; Казахская ССР@B; Qazaqstan@W
china|China|Китай|Қытай|中国|People's Republic of China@W; 中华人民共和国@C; КНР@B; Chung-kuo@W
russia|Russia|Россия|Ресей|俄罗斯|Russian Federation@W; Российская Федерация@B
mongolia|Mongolia|Монголия|Моңғолия|蒙古国|Монгол Улс@W
kyrgyzstan|Kyrgyzstan|Киргизия|Қырғызстан|吉尔吉斯斯坦|Kirghizia@W; Кыргызстан@B
uzbekistan|Uzbekistan|Узбекистан|Өзбекстан|乌兹别克斯坦|
beijing|Beijing|Пекин|Бейжің|北京|Peking@L; Бэйцзин@B; Pei-ching@W; Пекин@K; Peiping@W; 北平@C
shanghai|Shanghai|Шанхай|Шанхай|上海|
xian|Xi'an|Сиань|Сиань|西安|Sian@W; Chang'an@W; 长安@C; Чанъань@B
nanjing|Nanjing|Нанкин|Нанкин|南京|Nanking@W; Наньцзин@B
guangzhou|Guangzhou|Гуанчжоу|Гуанчжоу|广州|Canton@W; Кантон@B
tianjin|Tianjin|Тяньцзинь|Тяньцзинь|天津|Tientsin@W
hangzhou|Hangzhou|Ханчжоу|Ханчжоу|杭州|
qufu|Qufu|Цюйфу|Цюйфу|曲阜|
urumqi|Urumqi|Урумчи|Үрімжі|乌鲁木齐|Urumchi@W; Tihwa@W; 迪化@C; Урумчи@K
yining|Yining|Кульджа|Құлжа|伊宁|Ghulja@W; Kuldja@W; Инин@B
kashgar|Kashgar|Кашгар|Қашқар|喀什|Kashi@W; 喀什噶尔@C
dunhuang|Dunhuang|Дуньхуан|Дуньхуан|敦煌|Tun-huang@W
lanzhou|Lanzhou|Ланьчжоу|Ланьчжоу|兰州|Lan-chou@W
xinjiang|Xinjiang|Синьцзян|Шыңжаң|新疆|Sinkiang@W; Xinjiang Uyghur Autonomous Region@W; 新疆维吾尔自治区@C; Синьцзян-Уйгурский автономный район@B
altai|Altai Mountains|Алтай|Алтай таулары|阿尔泰山|Altay@W
tianshan|Tian Shan|Тянь-Шань|Тянь-Шань|天山|Tengri Tagh@W; Тәңіртау@K; T'ien Shan@W
balkhash|Lake Balkhash|озеро Балхаш|Балқаш көлі|巴尔喀什湖|Balkhash@W; Балхаш@B
caspian|Caspian Sea|Каспийское море|Каспий теңізі|里海|
aral|Aral Sea|Аральское море|Арал теңізі|咸海|
irtysh|Irtysh|Иртыш|Ертіс|额尔齐斯河|Ertis@W
syrdarya|Syr Darya|Сырдарья|Сырдария|锡尔河|Jaxartes@W
ili|Ili River|река Или|Іле өзені|伊犁河|Ili@W; Или@B; Іле@K
charyn|Charyn Canyon|Чарынский каньон|Шарын шатқалы|恰伦峡谷|
issykkul|Issyk-Kul|Иссык-Куль|Ыстықкөл|伊塞克湖|热海@C
zhetysu|Zhetysu|Семиречье|Жетісу|七河地区|Semirechye@W; Jetisu@W
saryarka|Saryarka|Сарыарка|Сарыарқа|萨雷阿尔卡|Kazakh Uplands@W; Казахский мелкосопочник@B
mangystau|Mangystau|Мангистау|Маңғыстау|曼格斯套|Mangyshlak@W; Мангышлак@B
burabay|Burabay|Боровое|Бурабай|布拉拜|Borovoye@W
medeu|Medeu|Медеу|Медеу|梅德乌|Medeo@W; Медео@B
moscow|Moscow|Москва|Мәскеу|莫斯科|Moskva@W
petersburg|Saint Petersburg|Санкт-Петербург|Санкт-Петербор|圣彼得堡|Leningrad@W; Ленинград@B; Petrograd@W; Петроград@B; 列宁格勒@C
omsk|Omsk|Омск|Омбы|鄂木斯克|
novosibirsk|Novosibirsk|Новосибирск|Новосибір|新西伯利亚|Novonikolayevsk@W
orenburg|Orenburg|Оренбург|Орынбор|奥伦堡|Chkalov@W
tashkent|Tashkent|Ташкент|Ташкент|塔什干|Toshkent@W
bishkek|Bishkek|Бишкек|Бішкек|比什凯克|Frunze@W; Фрунзе@B; Pishpek@W
samarkand|Samarkand|Самарканд|Самарқанд|撒马尔罕|Samarqand@W; Maracanda@W
bukhara|Bukhara|Бухара|Бұхара|布哈拉|Buxoro@W
kazan|Kazan|Казань|Қазан|喀山|
ulaanbaatar|Ulaanbaatar|Улан-Батор|Ұланбатыр|乌兰巴托|Ulan Bator@W; Urga@W; 库伦@C
silkroad|Silk Road|Великий шёлковый путь|Ұлы Жібек жолы|丝绸之路|Silk Route@W; Шёлковый путь@B
greatwall|Great Wall of China|Великая Китайская стена|Ұлы Қытай қорғаны|长城|万里长城@C; Wan-li ch'ang-ch'eng@W
"""

# Works: id | en | ru | kk | zh | extra
WORKS = """
abai_zholy|The Path of Abai|Путь Абая|Абай жолы|阿拜之路|Abai zholy@W
kara_sozder|Book of Words|Слова назидания|Қара сөздер|阿拜箴言录|Words of Edification@W; Қара сөз@K; Книга слов@B
kyz_zhibek|Kyz Zhibek|Кыз Жибек|Қыз Жібек|少女吉别克|Qyz Jibek@W
kozy_korpesh|Kozy Korpesh and Bayan Sulu|Козы-Корпеш и Баян-Сулу|Қозы Көрпеш – Баян сұлу|阔孜库尔佩什与芭艳苏露|Qozy Korpesh – Bayan Sulu@W
alpamys|Alpamysh|Алпамыс|Алпамыс батыр|阿勒帕米斯|Alpamys Batyr@W
koblandy|Koblandy Batyr|Кобланды-батыр|Қобыланды батыр|阔布兰德|Qobylandy Batyr@W
er_targyn|Er Targyn|Ер Таргын|Ер Тарғын|叶尔塔尔根|
manas|Manas|Манас|Манас|玛纳斯|Epic of Manas@W; 《玛纳斯》@C
korkyt_book|Book of Dede Korkut|Книга моего деда Коркута|Қорқыт ата кітабы|先祖阔尔库特书|Kitab-i Dede Qorqut@W
kutadgu|Kutadgu Bilig|Кутадгу билиг|Құтты білік|福乐智慧|Wisdom Which Brings Good Fortune@W
diwan|Dīwān Lughāt al-Turk|Диван лугат ат-турк|Түрік сөздерінің жинағы|突厥语大词典|Compendium of the Languages of the Turks@W
nomads_novel|The Nomads|Кочевники|Көшпенділер|游牧民族|Koshpendiler@W
adai|Adai|Адай|Адай|阿代|Adai kui@W
sary_arka_kui|Sary-Arka|Сары-Арка|Сарыарқа күйі|萨雷阿尔卡 (库伊)|Saryarka kui@W
anthem_kz|My Kazakhstan|Мой Казахстан|Менің Қазақстаным|我的哈萨克斯坦|Meniñ Qazaqstanym@W
xiyouji|Journey to the West|Путешествие на Запад|Батысқа саяхат|西游记|Monkey@W; Hsi-yu chi@W; Сиюцзи@B
hongloumeng|Dream of the Red Chamber|Сон в красном тереме|Қызыл сарайдағы түс|红楼梦|The Story of the Stone@W; Hung-lou meng@W; 紅樓夢@T
sanguo|Romance of the Three Kingdoms|Троецарствие|Үш патшалық|三国演义|San-kuo yen-i@W; 三國演義@T
shuihu|Water Margin|Речные заводи|Өзен жағасы|水浒传|Outlaws of the Marsh@W; Shui-hu chuan@W; 水滸傳@T
shiji|Records of the Grand Historian|Исторические записки|Тарихи жазбалар|史记|Shiji@W; Shih chi@W; Ши цзи@B; 史記@T
lunyu|Analects|Лунь юй|Лунь юй|论语|Lunyu@W; Lun yü@W; Беседы и суждения@B; 論語@T
daodejing|Tao Te Ching|Дао дэ цзин|Дао дэ цзин|道德经|Daodejing@W; Laozi@W; 道德經@T
kuangren|A Madman's Diary|Записки сумасшедшего|Жындының күнделігі|狂人日记|Diary of a Madman@W; K'uang-jen jih-chi@W
ahq|The True Story of Ah Q|Подлинная история А-кью|А-кьюдің шын тарихы|阿Q正传|A Q zheng zhuan@W; 阿Q正傳@T
luotuo|Rickshaw Boy|Рикша|Рикша|骆驼祥子|Camel Xiangzi@W; Luotuo Xiangzi@W
jia|Family|Семья|Отбасы|家|Jia@W
chaguan|Teahouse|Чайная|Шайхана|茶馆|Chaguan@W
war_peace|War and Peace|Война и мир|Соғыс және бейбітшілік|战争与和平|
crime|Crime and Punishment|Преступление и наказание|Қылмыс пен жаза|罪与罚|
onegin|Eugene Onegin|Евгений Онегин|Евгений Онегин|叶甫盖尼·奥涅金|Yevgeny Onegin@W
master|The Master and Margarita|Мастер и Маргарита|Шебер мен Маргарита|大师和玛格丽特|
swan_lake|Swan Lake|Лебединое озеро|Аққу көлі|天鹅湖|
leningrad|Symphony No. 7 (Leningrad)|Седьмая симфония (Ленинградская)|№ 7 симфония (Ленинград)|第七交响曲（列宁格勒）|Leningrad Symphony@W; Ленинградская симфония@B
yellow_river|Yellow River Cantata|Кантата «Хуанхэ»|«Хуанхэ» кантатасы|黄河大合唱|Huanghe dahechang@W
volunteers|March of the Volunteers|Марш добровольцев|Еріктілер маршы|义勇军进行曲|Yiyongjun jinxingqu@W
"""

# Organisations: id | en | ru | kk | zh | extra
ORGS = """
kaznu|Al-Farabi Kazakh National University|Казахский национальный университет имени аль-Фараби|Әл-Фараби атындағы Қазақ ұлттық университеті|哈萨克国立大学|KazNU@W; КазНУ@B
conservatory_kz|Kurmangazy Kazakh National Conservatory|Казахская национальная консерватория имени Курмангазы|Құрманғазы атындағы Қазақ ұлттық консерваториясы|库尔曼加齐哈萨克国立音乐学院|
nlrk|National Library of the Republic of Kazakhstan|Национальная библиотека Республики Казахстан|Қазақстан Республикасының Ұлттық кітапханасы|哈萨克斯坦国家图书馆|
abai_opera|Abai Kazakh National Opera and Ballet Theatre|Казахский национальный театр оперы и балета имени Абая|Абай атындағы Қазақ ұлттық опера және балет театры|阿拜国家歌剧芭蕾舞剧院|
auezov_theatre|Auezov Kazakh Drama Theatre|Казахский драматический театр имени Ауэзова|Мұхтар Әуезов атындағы Қазақ драма театры|阿乌埃佐夫哈萨克话剧院|
central_museum|Central State Museum of Kazakhstan|Центральный государственный музей Республики Казахстан|Қазақстан Республикасының Орталық мемлекеттік музейі|哈萨克斯坦中央国家博物馆|
national_museum|National Museum of Kazakhstan|Национальный музей Республики Казахстан|Қазақстан Республикасының Ұлттық музейі|哈萨克斯坦国家博物馆|
kasteyev_museum|Kasteyev State Museum of Arts|Государственный музей искусств имени Кастеева|Қастеев атындағы Мемлекеттік өнер музейі|卡斯捷耶夫国家艺术博物馆|
nas_kz|National Academy of Sciences of Kazakhstan|Национальная академия наук Республики Казахстан|Қазақстан Ұлттық ғылым академиясы|哈萨克斯坦国家科学院|
alash_orda|Alash Orda|Алаш-Орда|Алаш Орда|阿拉什自治政府|Alash Autonomy@W
kazakh_khanate|Kazakh Khanate|Казахское ханство|Қазақ хандығы|哈萨克汗国|
golden_horde|Golden Horde|Золотая Орда|Алтын Орда|金帐汗国|Ulus of Jochi@W; Улус Джучи@B
writers_kz|Writers' Union of Kazakhstan|Союз писателей Казахстана|Қазақстан Жазушылар одағы|哈萨克斯坦作家协会|
pku|Peking University|Пекинский университет|Пекин университеті|北京大学|Beida@W; 北大@C
nlc|National Library of China|Национальная библиотека Китая|Қытай ұлттық кітапханасы|中国国家图书馆|Beijing Library@W; 北京图书馆@C
palace_museum|Palace Museum|Музей Гугун|Гугун мұражайы|故宫博物院|Forbidden City@W; 紫禁城@C
ccom|Central Conservatory of Music|Центральная консерватория Китая|Қытай Орталық музыка консерваториясы|中央音乐学院|
muc|Minzu University of China|Центральный университет национальностей|Қытай ұлттар университеті|中央民族大学|Central University for Nationalities@W
cwa|China Writers Association|Союз китайских писателей|Қытай жазушылар ассоциациясы|中国作家协会|
rsl|Russian State Library|Российская государственная библиотека|Ресей мемлекеттік кітапханасы|俄罗斯国家图书馆|Lenin Library@W; Библиотека имени Ленина@B
bolshoi|Bolshoi Theatre|Большой театр|Үлкен театр|莫斯科大剧院|
moscow_conservatory|Moscow Conservatory|Московская консерватория|Мәскеу консерваториясы|莫斯科音乐学院|Tchaikovsky Moscow State Conservatory@W
hermitage|State Hermitage Museum|Государственный Эрмитаж|Мемлекеттік Эрмитаж|艾尔米塔什博物馆|Hermitage@W; Эрмитаж@B
"""

# See also (5XX): id | id | relation
RELATIONS = """
abai|abai_zholy|subject of
auezov|abai_zholy|author of
abai|kara_sozder|author of
abai|semey|lived near
yesenberlin|nomads_novel|author of
kurmangazy|adai|composer of
tattimbet|sary_arka_kui|composer of
luxun|kuangren|author of
luxun|ahq|author of
laoshe|luotuo|author of
laoshe|chaguan|author of
bajin|jia|author of
wuchengen|xiyouji|author of
caoxueqin|hongloumeng|author of
luoguanzhong|sanguo|author of
shinaian|shuihu|author of
simaqian|shiji|author of
confucius|lunyu|attributed author of
laozi|daodejing|attributed author of
tolstoy|war_peace|author of
dostoevsky|crime|author of
dostoevsky|semey|lived in exile in
pushkin|onegin|author of
bulgakov|master|author of
tchaikovsky|swan_lake|composer of
shostakovich|leningrad|composer of
xianxinghai|yellow_river|composer of
xianxinghai|almaty|lived in
nieer|volunteers|composer of
ilf|petrov|co-author
a_strugatsky|b_strugatsky|co-author
balasaguni|kutadgu|author of
kashgari|diwan|author of
korkyt|korkyt_book|named in
almaty|zhetysu|lies in
astana|saryarka|lies in
otrar|farabi|birthplace of
turkistan|yassawi|resting place of
valikhanov|kashgar|travelled to
kaznu|farabi|named after
conservatory_kz|kurmangazy|named after
abai_opera|abai|named after
kasteyev_museum|kasteyev|named after
"""


def build() -> list[dict]:
    ROWS.clear()
    for id_, dates, en, ru, kk, zh, extra in _table(KAZAKH):
        v = _variants(extra) + [(kz_latin(kk), KZ_LATIN_SOURCE), (bgn(ru), BGN_SOURCE)]
        add(id_, "person", en, ru, kk, zh, dates, variants=v + _person_shorts(en, ru, kk, zh))
    for id_, dates, en, ru, zh, extra in _table(RUSSIAN) + _table(OTHERS):
        v = _variants(extra) + ([(bgn(ru), BGN_SOURCE)] if id_ not in _OTHER_IDS else [])
        add(id_, "person", en, ru, ru, zh, dates, variants=v + _person_shorts(en, ru, ru, zh))
    for id_, dates, pinyin, zh, en, ru, extra in _table(CHINESE):
        pal = palladius(pinyin)
        ru = ru or pal
        v = _variants(extra) + [
            (wade_giles(pinyin), WG_SOURCE),
            (pal, PALLADIUS_SOURCE),
            (pinyin, PINYIN_SOURCE),
        ]
        add(id_, "person", en or pinyin, ru, ru, zh, dates, variants=v)
    for kind, table in (("place", PLACES), ("work", WORKS), ("organisation", ORGS)):
        for id_, en, ru, kk, zh, extra in _table(table):
            v = _variants(extra) + ([(kz_latin(kk), KZ_LATIN_SOURCE)] if kind == "place" else [])
            add(id_, kind, en, ru, kk, zh, variants=v)
    ids = {r["id"] for r in ROWS}
    if len(ids) != len(ROWS):
        raise ValueError("duplicate ids")
    related: dict[str, list] = {}
    for a, b, note in _table(RELATIONS):
        if a not in ids or b not in ids:
            raise ValueError(f"unknown id in relation {a}-{b}")
        related.setdefault(a, []).append([b, note])
    for r in ROWS:
        r["related"] = related.get(r["id"], [])
    return ROWS


_OTHER_IDS = {row[0] for row in _table(OTHERS)}

COLUMNS = [
    "id",
    "kind",
    "dates",
    "name_zh_hans",
    "name_en",
    "name_kk",
    "name_ru",
    "note_en",
    "variants",
    "related",
]


def write(path: Path) -> int:
    rows = build()
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow(
                [
                    json.dumps(r[c], ensure_ascii=False) if c in ("variants", "related") else r[c]
                    for c in COLUMNS
                ]
            )
    return len(rows)


if __name__ == "__main__":
    print(write(Path(__file__).with_name("starter.tsv")), "authorities")
