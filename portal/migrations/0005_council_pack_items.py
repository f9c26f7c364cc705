"""A council pack's contents move from one field per app (hearings, budget_year, projects,
include_group_register) to CouncilPackItem rows keyed by the apps' pack choices
(core.contributions.PackChoice), so that a new app's sections need no field here. Every pack
keeps what it held: the rows are copied before the old fields go (tests/portal/test_pack_items_migration.py)."""
import django.db.models.deletion
from django.db import migrations, models

# The pack choice keys the apps declare (hearings, budget, projects, groups contributions).
HEARINGS, BUDGET, PROJECTS, GROUP_REGISTER = "hearings", "budget_year", "projects", "include_group_register"


def copy_into_items(apps, schema_editor):
    Pack = apps.get_model("portal", "CouncilPack")
    Item = apps.get_model("portal", "CouncilPackItem")
    items = []
    for pack in Pack.objects.prefetch_related("hearings", "projects").order_by("pk"):
        picked = [(HEARINGS, hearing.pk) for hearing in sorted(pack.hearings.all(), key=lambda h: h.pk)]
        if pack.budget_year_id:
            picked.append((BUDGET, pack.budget_year_id))
        picked += [(PROJECTS, project.pk) for project in sorted(pack.projects.all(), key=lambda p: p.pk)]
        if pack.include_group_register:
            picked.append((GROUP_REGISTER, None))
        items += [Item(pack_id=pack.pk, choice=choice, object_id=object_id, position=position)
                  for position, (choice, object_id) in enumerate(picked)]
    Item.objects.bulk_create(items)


def copy_back(apps, schema_editor):
    Pack = apps.get_model("portal", "CouncilPack")
    Item = apps.get_model("portal", "CouncilPackItem")
    for pack in Pack.objects.order_by("pk"):
        items = list(Item.objects.filter(pack_id=pack.pk))
        pack.hearings.set([item.object_id for item in items if item.choice == HEARINGS])
        pack.projects.set([item.object_id for item in items if item.choice == PROJECTS])
        pack.budget_year_id = next((item.object_id for item in items if item.choice == BUDGET), None)
        pack.include_group_register = any(item.choice == GROUP_REGISTER for item in items)
        pack.save(update_fields=["budget_year", "include_group_register"])


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0004_move_models_to_core'),
    ]

    operations = [
        migrations.CreateModel(
            name='CouncilPackItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('choice', models.CharField(max_length=50)),
                ('object_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('position', models.PositiveIntegerField(default=0)),
                ('pack', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='portal.councilpack')),
            ],
            options={
                'ordering': ['position', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('pack', 'choice', 'object_id'), name='unique_council_pack_item')],
            },
        ),
        migrations.RunPython(copy_into_items, copy_back),
        migrations.RemoveField(
            model_name='councilpack',
            name='budget_year',
        ),
        migrations.RemoveField(
            model_name='councilpack',
            name='hearings',
        ),
        migrations.RemoveField(
            model_name='councilpack',
            name='include_group_register',
        ),
        migrations.RemoveField(
            model_name='councilpack',
            name='projects',
        ),
    ]
