"""The two flows that matter most, in a real Chromium: the QR link on a Kazakh phone, and a move."""

import pytest

from shanyraq.collection.services.artifacts import artifact_create
from shanyraq.collection.services.procedures import artifact_move
from shanyraq.collection.tests.factories import SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dombra(vocab):
    hall = SpaceFactory(slug="hall-music-ethnography", name_en="Hall 3: Music", name_kk="3-зал: Музыка")
    SpaceFactory(
        slug="hall-archaeology", name_en="Hall 1: Steppe archaeology", name_kk="1-зал: Дала археологиясы"
    )
    artifact = artifact_create(
        actor=None,
        accession_number="KCC.2025.0031",
        published=True,
        title_en="Dombra",
        title_kk="Домбыра",
        title_ru="Домбра",
        title_zh_hans="冬不拉",
        label_text_en="The two-stringed plucked lute of the Kazakhs.",
        label_text_kk="Қазақтың екі ішекті шертпелі аспабы.",
    )
    artifact_move(actor=None, artifact=artifact, space=hall, reason="installation", location_detail="Case 4")
    return artifact


def test_a_kazakh_phone_opens_the_qr_link_in_kazakh(browser, live_server, dombra):
    page = browser.new_page(locale="kk-KZ")
    try:
        page.goto(f"{live_server.url}/collection/a/KCC.2025.0031/")
        assert page.url == f"{live_server.url}/kk/collection/artifacts/KCC.2025.0031/"
        assert page.locator("h1").inner_text() == "Домбыра"
        label = page.get_by_test_id("label")
        assert label.inner_text() == "Қазақтың екі ішекті шертпелі аспабы."
        assert label.get_attribute("lang") == "kk"
    finally:
        page.close()


def test_a_curator_moves_an_artifact_and_the_public_page_shows_the_new_hall(
    browser, live_server, dombra, staff_user
):
    staff_user("curator", username="nurlan")
    page = browser.new_page(locale="en-US")
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{live_server.url}/en/staff/login/")
        page.fill("input[name=username]", "nurlan")
        page.fill("input[name=password]", "pw-for-tests")
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/en/staff/")
        page.goto(f"{live_server.url}/en/staff/collection/move/")
        page.fill("input[name=artifact]", "KCC.2025.0031")
        page.select_option("select[name=space]", "hall-archaeology")
        page.select_option("select[name=reason]", "installation")
        page.fill("input[name=location_detail]", "Case 9")
        page.click("main form button[type=submit]")
        assert page.get_by_test_id("location").inner_text() == "Hall 1: Steppe archaeology, Case 9"
        page.goto(f"{live_server.url}/en/collection/artifacts/KCC.2025.0031/")
        assert page.get_by_test_id("hall").inner_text() == "On view in Hall 1: Steppe archaeology"
    finally:
        page.close()


def test_a_curator_uploads_two_images_in_one_go_and_makes_the_second_primary(
    browser, live_server, dombra, staff_user, settings, tmp_path
):
    import io

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    files = []
    for n, colour in enumerate(["teal", "maroon"], start=1):
        out = io.BytesIO()
        Image.new("RGB", (120, 90), colour).save(out, "PNG")
        files.append({"name": f"dombra-{n}.png", "mimeType": "image/png", "buffer": out.getvalue()})
    staff_user("curator", username="aigul")
    page = browser.new_page(locale="kk-KZ")
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{live_server.url}/kk/staff/login/")
        page.fill("input[name=username]", "aigul")
        page.fill("input[name=password]", "pw-for-tests")
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/kk/staff/")
        page.goto(f"{live_server.url}/kk/staff/collection/artifacts/KCC.2025.0031/")
        page.click("a[href$='/images/']")
        page.set_input_files("input[name=images]", files)
        page.fill("input[name=alt_kk]", "Домбыра")
        page.click("[data-testid=upload] button[type=submit]")
        page.wait_for_selector("ul.messages")
        assert page.locator("ul.messages").inner_text() == "2 сурет қосылды."
        page.locator("section.staff-image").nth(1).get_by_role("button", name="Негізгі ету").click()
        page.wait_for_selector("ul.messages")
        images = list(dombra.images.order_by("order").values_list("is_primary", "alt_kk"))
        assert images == [(False, "Домбыра"), (True, "Домбыра")]
    finally:
        page.close()
