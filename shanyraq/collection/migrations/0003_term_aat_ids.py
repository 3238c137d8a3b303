"""Fill the Getty AAT ids of the starting vocabulary terms on databases that already have them.

Existing installs loaded their terms before the ids were known and nothing reloads the
vocabularies, so this fills them once. Only empty ids are filled: an id a curator typed by hand
stays. The mapping is frozen here on purpose (a migration must not change when
``vocabularies.AAT_IDS`` later does); sources are in docs/collection/aat-sources.md.
"""

from django.db import migrations

AAT_IDS = {
    ("category", "archaeology"): "300054328",
    ("category", "jewelry-art"): "300209286",
    ("category", "weapons"): "300036926",
    ("category", "musical-instruments"): "300041620",
    ("category", "ethnography"): "300054319",
    ("category", "textiles"): "300014063",
    ("category", "decorative-arts"): "300054168",
    ("category", "fine-arts"): "300054195",
    ("category", "numismatics"): "300054419",
    ("material", "gold"): "300011021",
    ("material", "silver"): "300011029",
    ("material", "bronze"): "300010957",
    ("material", "copper"): "300011020",
    ("material", "iron"): "300011002",
    ("material", "steel"): "300133751",
    ("material", "wood"): "300011914",
    ("material", "leather"): "300011845",
    ("material", "felt"): "300014107",
    ("material", "wool"): "300014074",
    ("material", "silk"): "300014072",
    ("material", "cotton"): "300014067",
    ("material", "horn"): "300011826",
    ("material", "bone"): "300011798",
    ("material", "horsehair"): "300011819",
    ("material", "gut"): "300193289",
    ("material", "turquoise"): "300011164",
    ("material", "coral"): "300011800",
    ("material", "pearl"): "300011827",
    ("material", "ceramic"): "300235507",
    ("material", "paper"): "300014109",
    ("material", "glass"): "300010797",
    ("material", "stone"): "300011176",
    ("material", "plaster"): "300014922",
    ("material", "sinew"): "300192952",
    ("technique", "casting"): "300053104",
    ("technique", "forging"): "300054033",
    ("technique", "chasing"): "300054016",
    ("technique", "engraving"): "300053829",
    ("technique", "granulation"): "300054021",
    ("technique", "niello"): "300054022",
    ("technique", "gilding"): "300053789",
    ("technique", "inlay"): "300053850",
    ("technique", "carving"): "300053149",
    ("technique", "applique"): "300053646",
    ("technique", "embroidery"): "300053653",
    ("technique", "weaving"): "300053642",
    ("technique", "stamping"): "300053138",
    ("technique", "painting"): "300054216",
    ("object_type", "cauldron"): "300196395",
    ("object_type", "plaque"): "300010262",
    ("object_type", "mirror"): "300037682",
    ("object_type", "vessel"): "300193015",
    ("object_type", "headdress"): "300046023",
    ("object_type", "bracelet"): "300045991",
    ("object_type", "ring"): "300046012",
    ("object_type", "earring"): "300045998",
    ("object_type", "pendant"): "300046002",
    ("object_type", "sabre"): "300037086",
    ("object_type", "bow"): "300036999",
    ("object_type", "arrowhead"): "300024861",
    ("object_type", "dagger"): "300037058",
    ("object_type", "helmet"): "300036794",
    ("object_type", "chordophone"): "300041641",
    ("object_type", "aerophone"): "300042274",
    ("object_type", "idiophone"): "300041726",
    ("object_type", "rug"): "300185749",
    ("object_type", "garment"): "300266639",
    ("object_type", "chest"): "300038992",
    ("object_type", "coin"): "300037222",
    ("object_type", "figure"): "300189808",
    ("object_type", "belt"): "300210002",
    ("object_type", "axe"): "300036982",
    ("object_type", "quiver"): "300036930",
}


def fill_aat_ids(apps, schema_editor):
    Term = apps.get_model("collection", "Term")
    for (vocabulary, slug), aat_id in AAT_IDS.items():
        Term.objects.filter(vocabulary=vocabulary, slug=slug, aat_id="").update(aat_id=aat_id)


class Migration(migrations.Migration):
    dependencies = [
        ("collection", "0002_facet_cells"),
    ]

    operations = [
        migrations.RunPython(fill_aat_ids, migrations.RunPython.noop),
    ]
