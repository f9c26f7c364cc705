"""The data migration that splits the old one-field "Kyrgyz / Russian" texts.

The old state is built at the migrations before the translated columns existed, with every
translated text of the demo as it was before this change (old_demo_texts.json, read from a
database the old demo was loaded into), then migrated forward."""
import datetime
import itertools
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.bilingual import split_bilingual

OLD_DEMO = json.loads((Path(__file__).parent / "old_demo_texts.json").read_text(encoding="utf-8"))

BEFORE = [("core", "0003_resolution_files_random_names"), ("groups", "0005_village_in_core"),
          ("hearings", "0004_document_files_random_names"), ("budget", "0004_resolution_in_core"),
          ("projects", "0003_village_in_core")]
AFTER = [("core", "0005_split_kyrgyz_russian_texts"), ("groups", "0007_split_kyrgyz_russian_texts"),
         ("hearings", "0006_split_kyrgyz_russian_texts"), ("budget", "0006_split_kyrgyz_russian_texts"),
         ("projects", "0005_split_kyrgyz_russian_texts")]

# A second example, not from the demo: the Russian half first, several " / " in one text, a
# text in Kyrgyz only with a slash, two languages a paragraph each.
OTHER_AO = [
    ("Сессия айылного кенеша / Айылдык кеңештин сессиясы", "Айылдык кеңештин сессиясы", "Сессия айылного кенеша"),
    ("Отчёт об исполнении бюджета за 2025 год\nБюджеттин 2025-жылга аткарылышы жөнүндө отчёт",
     "Бюджеттин 2025-жылга аткарылышы жөнүндө отчёт", "Отчёт об исполнении бюджета за 2025 год"),
    ("Көчөлөр / жолдор", "Көчөлөр / жолдор", ""),
    ("Т. Асанов (демо аты / демо-имя)", "Т. Асанов (демо аты / демо-имя)", ""),
    ("Мектептин чатырын оңдоо", "Мектептин чатырын оңдоо", ""),
    ("Суу түтүгү / Водопровод / 2026", "Суу түтүгү", "Водопровод / 2026"),
]


@pytest.mark.parametrize("text, kyrgyz, russian", OTHER_AO)
def test_a_text_is_split_by_its_letters_and_words_not_its_position(text, kyrgyz, russian):
    assert split_bilingual(text) == (kyrgyz, russian)


def test_every_old_demo_pair_splits_into_a_kyrgyz_and_a_russian_half():
    pairs = [value for rows in OLD_DEMO.values() for row in rows for value in row.values()
             if " / " in value and "демо аты" not in value]
    assert len(pairs) > 100
    for value in pairs:
        kyrgyz, russian = split_bilingual(value)
        assert russian, value
        assert " / " not in kyrgyz and " / " not in russian, value
        assert not set("ңөүҢӨҮ") & set(russian), value


class OldRows:
    """Rows of the old state, made with the historical models: required fields get a dummy value
    (unique ones a running number), foreign keys a new parent made the same way."""

    def __init__(self, apps):
        self.apps = apps
        self.counter = itertools.count(1)

    def value(self, field):
        number = next(self.counter)
        if isinstance(field, models.ForeignKey):
            return self.parent(field.related_model)
        if isinstance(field, models.DateTimeField):
            return timezone.now()
        if isinstance(field, models.DateField):
            return datetime.date(2020, 1, 1) + datetime.timedelta(days=number)
        if isinstance(field, models.DecimalField):
            return Decimal("1")
        if isinstance(field, (models.IntegerField,)):
            return 2000 + number
        if field.choices:
            return field.choices[0][0]
        return f"x{number}"

    def required(self, model, given):
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name in given or field.null or field.has_default() or field.blank:
                continue
            values[field.name] = self.value(field)
        return values

    def parent(self, model):
        return self.create(model, {})  # one each: unique constraints hold

    def create(self, model, given):
        return model.objects.create(**self.required(model, given), **given)


@pytest.mark.django_db(transaction=True)
def test_the_migration_splits_the_old_demo_into_kyrgyz_and_russian_columns():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    maker = OldRows(old_apps)
    made = []
    for label, rows in OLD_DEMO.items():
        model = old_apps.get_model(label)
        for row in rows:
            if label == "core.Municipality":  # its name had its own columns already
                row = {key: value for key, value in row.items() if key != "name"}
                given = dict(row, name_ky="1-Май айыл аймагы", name_ru="1-Майский айыл аймак", name_en="")
            else:
                given = dict(row)
            made.append((label, maker.create(model, given).pk, row))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    split_count = 0
    for label, pk, row in made:
        saved = new_apps.get_model(label).objects.get(pk=pk)
        for field, old in row.items():
            kyrgyz, russian = split_bilingual(old)
            assert getattr(saved, f"{field}_ky") == kyrgyz
            assert (getattr(saved, f"{field}_ru") or "") == russian
            split_count += bool(russian)
    assert split_count > 150  # budget lines, groups, hearings, projects, the municipality

    hearing = new_apps.get_model("hearings.Hearing").objects.get(
        topic_ky="2027-жылдын жергиликтүү бюджетинин долбоору")
    assert hearing.topic_ru == "Проект местного бюджета на 2027 год"
    assert hearing.place_ru == "Дом культуры"
    assert hearing.topic == hearing.topic_ky  # the column behind `topic` keeps the Kyrgyz
    municipality = new_apps.get_model("core.Municipality").objects.get()
    assert municipality.name == "1-Май айыл аймагы"
    assert municipality.about_ru.startswith("1-Майский айыл аймак расположен")
    assert "расположен" not in municipality.about_ky
    line = new_apps.get_model("budget.BudgetLine").objects.filter(name_ru="Налог на имущество").first()
    assert line.name_ky == "Мүлк салыгы"
