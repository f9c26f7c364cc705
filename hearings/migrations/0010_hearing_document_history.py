"""Hearing documents keep a history (django-simple-history), so that a hearing's page can be kept
until one of its documents changes (core.changes.cache_until_changed). Every document already there
gets its "created" row, dated when it was uploaded: the history starts complete, and the documents
themselves are not touched."""

import core.file_checks
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def record_existing_documents(apps, schema_editor):
    Document = apps.get_model("hearings", "HearingDocument")
    History = apps.get_model("hearings", "HistoricalHearingDocument")
    fields = [field.attname for field in Document._meta.concrete_fields]
    batch = []
    for document in Document.objects.order_by("pk").iterator(chunk_size=500):
        batch.append(History(**{name: getattr(document, name) for name in fields},
                             history_date=document.uploaded_at, history_type="+"))
        if len(batch) == 500:
            History.objects.bulk_create(batch)
            batch = []
    History.objects.bulk_create(batch)


class Migration(migrations.Migration):

    dependencies = [
        ('hearings', '0009_decisions_in_kyrgyz_and_russian'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalHearingDocument',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('file', models.TextField(max_length=100, validators=[core.file_checks.validate_document], verbose_name='file')),
                ('uploaded_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('title_ky', models.CharField(blank=True, max_length=300, null=True, verbose_name='title')),
                ('title_ru', models.CharField(blank=True, max_length=300, null=True, verbose_name='title')),
                ('title_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='title')),
                ('hearing', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='hearings.hearing')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical hearing document',
                'verbose_name_plural': 'historical hearing documents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(record_existing_documents, migrations.RunPython.noop),
    ]
