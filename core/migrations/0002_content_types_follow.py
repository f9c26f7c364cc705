"""The content types of the moved models follow them to `core`, so that the permissions that hang
on them (the roles' `edit_content`, `publish_content`, … on Municipality) and any history or admin
log that names them stay attached: `portal.edit_content` becomes `core.edit_content`."""
from django.db import migrations

MOVED = ["municipality", "village", "councilresolution",
         "historicalmunicipality", "historicalvillage", "historicalcouncilresolution"]


def move(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue
        # A content type made for the new label before this ran has nothing of value yet.
        ContentType.objects.filter(app_label=target, model=model).delete()
        old.app_label = target
        old.save(update_fields=["app_label"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("portal", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(lambda apps, editor: move(apps, editor, "portal", "core"),
                             lambda apps, editor: move(apps, editor, "core", "portal")),
    ]
