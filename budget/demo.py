"""The budget's share of the demo: 2022 (executed) and 2023 (approved). The amounts are
illustrative (the seed gives only the 250 000 som of school transport from the local budget);
each year's notes say so on the page. Links the budget hearing's three proposals to their lines."""
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from budget.models import BudgetClassification, BudgetLine, BudgetYear, Kind
from core.bilingual import in_languages

NOTE = ("Демонстрация: суммалар шарттуу, мисал үчүн гана берилген.\n"
        "Демонстрация: суммы условные, приведены только для примера.")

SCHOOL_TRANSPORT = "Окуучуларды чек ара айылдарынан мектепке ташуу / Подвоз учащихся из приграничных сел"
LIBRARIES = "Китепканалардын ишин жакшыртуу / Улучшение работы библиотек"
WATER_VEHICLE = "Ичүүчү суу ташуучу унаа сатып алуу / Покупка машины для подвоза питьевой воды"
SCHOOL_BUS = "Окуучуларды ташуучу мектеп автобусун сатып алуу / Покупка школьного автобуса"

# kind, code, name, planned 2022, executed share 2022 (per cent), planned 2023 (None: not in 2023)
R, E = Kind.REVENUE, Kind.EXPENDITURE
LINES = [
    (R, "11111", "Киреше салыгынын үлүшү / Доля подоходного налога", 1150000, 97, 1240000),
    (R, "11311", "Мүлк салыгы / Налог на имущество", 420000, 94, 450000),
    (R, "11321", "Жер салыгы: айыл чарба жерлери / Земельный налог: сельхозугодья", 980000, 96, 1010000),
    (R, "11321", "Жер салыгы: үй жанындагы жерлер / Земельный налог: приусадебные участки", 260000, 99, 270000),
    (R, "11452", "Сатуудан алынуучу салык / Налог с продаж", 180000, 91, 190000),
    (R, "14221", "Жергиликтүү жыйымдар / Местные сборы", 95000, 102, 100000),
    (R, "14222", "Жайыт акысы / Плата за пастбища", 310000, 98, 330000),
    (R, "14231", "Атайын каражаттар: бала бакчадагы ата-энелердин төлөмү / "
                 "Спецсредства: родительская плата в детском саду", 240000, 95, 250000),
    (R, "14511", "Муниципалдык мүлктүн ижарасы / Аренда муниципального имущества", 150000, 88, 150000),
    (R, "13311", "Теңдөөчү грант / Выравнивающий грант", 6960000, 100, 6215000),
    (R, "13321", "Стимулдаштыруучу грант: мектеп автобусу / Стимулирующий грант: школьный автобус",
     1200000, 100, None),
    (R, "13321", "Стимулдаштыруучу грант: көчө жарыгы / Стимулирующий грант: уличное освещение",
     None, 0, 600000),
    (E, "7011", "Айыл өкмөтүнүн аппаратын кармоо / Содержание аппарата айыл окмоту", 3150000, 98, 3300000),
    (E, "7011", "Айылдык кеңештин ишин камсыздоо / Обеспечение деятельности айылного кенеша", 420000, 97, 440000),
    (E, "7016", "Жер-кадастр иштери / Землеустроительные работы", 150000, 90, 120000),
    (E, "7032", "Өрткө каршы иш-чаралар / Противопожарные мероприятия", 80000, 100, 90000),
    (E, "7042", "Жайыттарды жакшыртуу / Улучшение пастбищ", 260000, 93, 280000),
    (E, "7042", "Мал догдурлук иш-чаралар / Ветеринарные мероприятия", 120000, 100, 130000),
    (E, "7045", "Айыл ичиндеги жолдорду оңдоо / Ремонт внутрисельских дорог", 900000, 89, 950000),
    (E, "7051", "Таштанды чыгаруу / Вывоз мусора", 180000, 96, 190000),
    (E, "7054", "Ажектеги сел дамбасын бекемдөө / Укрепление паводковой дамбы в Ажеке", 400000, 100, 250000),
    (E, "7063", WATER_VEHICLE, 1100000, 100, None),
    (E, "7063", "Суу түтүгүн тейлөө / Обслуживание водопровода", 260000, 94, 300000),
    (E, "7064", "Көчөлөрдү жарыктандыруу / Уличное освещение", 320000, 92, 900000),
    (E, "7066", "Айылдарды көрктөндүрүү / Благоустройство сел", 200000, 85, 220000),
    (E, "7074", "Фельдшердик-акушердик пунктту колдоо / Поддержка ФАП", 90000, 100, 95000),
    (E, "7081", "Спорт иш-чаралары / Спортивные мероприятия", 110000, 91, 120000),
    (E, "7082", "Маданият үйүн кармоо / Содержание дома культуры", 280000, 96, 300000),
    (E, "70823", LIBRARIES, 180000, 100, 200000),
    (E, "7091", "Бала бакчаны кармоо / Содержание детского сада", 1450000, 99, 1550000),
    (E, "7092", "Мектептерди оңдоо / Ремонт школ", 600000, 87, 650000),
    (E, "7096", SCHOOL_TRANSPORT, 250000, 100, 280000),
    (E, "7096", SCHOOL_BUS, 1200000, 100, None),
    (E, "7096", "Мектеп автобусун тейлөө / Содержание школьного автобуса", None, 0, 180000),
    (E, "7104", "Аз камсыз болгон үй-бүлөлөргө жардам / Помощь малообеспеченным семьям", 150000, 100, 160000),
    (E, "7109", "Ардагерлерге жана майыптарга жардам / Помощь ветеранам и лицам с инвалидностью",
     95000, 100, 100000),
]

PROPOSAL_LINES = {
    "Китепканалардын ишин жакшыртуу": LIBRARIES,
    "Ичүүчү суу ташуучу унаа сатып алуу": WATER_VEHICLE,
    "Окуучуларды мектепке ташуучу автобус сатып алуу": SCHOOL_TRANSPORT,
}


def _year(number, stage, executed_as_of=None):
    budget_year, _created = BudgetYear.objects.get_or_create(year=number)
    budget_year.stage = stage
    for field, value in in_languages(BudgetYear, {"notes": NOTE}).items():
        setattr(budget_year, field, value)
    budget_year.executed_as_of = executed_as_of
    budget_year.status = BudgetYear.Status.PUBLISHED
    budget_year.published_at = budget_year.published_at or timezone.now()
    budget_year.save()
    return budget_year


def load(command):
    codes = {item.code: item for item in BudgetClassification.objects.all()}
    year_2022 = _year(2022, BudgetYear.Stage.EXECUTED, datetime.date(2022, 12, 31))
    year_2023 = _year(2023, BudgetYear.Stage.APPROVED)
    lines_2022 = {}
    for position, (kind, code, name, planned_2022, share, planned_2023) in enumerate(LINES, start=1):
        if planned_2022 is not None:
            planned = Decimal(planned_2022)
            executed = (planned * share / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
            lines_2022[name], _created = BudgetLine.objects.update_or_create(
                budget_year=year_2022, kind=kind, classification=codes[code], **in_languages(BudgetLine, {"name": name}),
                defaults={"category": codes[code].citizen_category, "planned": planned, "amended": None,
                          "executed": executed, "position": position})
        if planned_2023 is not None:
            BudgetLine.objects.update_or_create(
                budget_year=year_2023, kind=kind, classification=codes[code], **in_languages(BudgetLine, {"name": name}),
                defaults={"category": codes[code].citizen_category, "planned": Decimal(planned_2023),
                          "amended": None, "executed": None, "position": position})
    _link_hearing(command, year_2022, lines_2022)
    command.stdout.write("budget: 2022 and 2023 loaded")


def _link_hearing(command, year_2022, lines_2022):
    """The draft-budget hearing of 20.08.2021 was about 2022; its three group proposals went into
    these lines. Quietly skipped when the hearings demo is not there."""
    from hearings.models import Hearing, Proposal

    hearing = Hearing.objects.filter(kind="budget_draft", starts_at__date=datetime.date(2021, 8, 20)).first()
    if hearing is None:
        return
    if hearing.budget_year_id != year_2022.pk:
        hearing.budget_year = year_2022
        hearing.save(update_fields=["budget_year"])
    for start, line_name in PROPOSAL_LINES.items():
        proposal = Proposal.objects.filter(hearing=hearing, text__startswith=start).first()
        line = lines_2022.get(line_name)
        if proposal is not None and line is not None and proposal.budget_line_id != line.pk:
            proposal.budget_line = line
            proposal.save(update_fields=["budget_line"])
