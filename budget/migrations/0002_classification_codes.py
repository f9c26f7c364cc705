"""A small reference list of the budget classification codes a local budget uses: revenue groups
and expenditure functions (IMF GFS 2001 / COFOG, as the Kyrgyz classification follows them).
Staff add or correct codes on the portal's classification page; this only gives a start."""
from django.db import migrations

# code, parent code, kind, citizen category, name ky, name ru, name en
CODES = [
    # --- Revenues
    ("11", None, "revenue", "own_revenue", "Салыктык кирешелер", "Налоговые доходы", "Tax revenues"),
    ("111", "11", "revenue", "own_revenue", "Кирешеге салыктар", "Налоги на доходы", "Taxes on income"),
    ("11111", "111", "revenue", "own_revenue", "Киреше салыгынын үлүшү", "Доля подоходного налога",
     "Share of the income tax"),
    ("113", "11", "revenue", "own_revenue", "Менчикке салыктар", "Налоги на собственность", "Taxes on property"),
    ("11311", "113", "revenue", "own_revenue", "Мүлк салыгы", "Налог на имущество", "Property tax"),
    ("11321", "113", "revenue", "own_revenue", "Жер салыгы", "Земельный налог", "Land tax"),
    ("114", "11", "revenue", "own_revenue", "Товарларга жана кызмат көрсөтүүлөргө салыктар",
     "Налоги на товары и услуги", "Taxes on goods and services"),
    ("11452", "114", "revenue", "own_revenue", "Сатуудан алынуучу салык", "Налог с продаж", "Sales tax"),
    ("14", None, "revenue", "own_revenue", "Салыктык эмес кирешелер", "Неналоговые доходы", "Non-tax revenues"),
    ("142", "14", "revenue", "own_revenue", "Жыйымдар жана төлөмдөр", "Сборы и платежи", "Fees and charges"),
    ("14221", "142", "revenue", "own_revenue", "Жергиликтүү жыйымдар", "Местные сборы", "Local fees"),
    ("14222", "142", "revenue", "own_revenue", "Жайыттарды пайдалангандыгы үчүн төлөм",
     "Плата за пользование пастбищами", "Pasture fees"),
    ("1423", "14", "revenue", "special_means", "Атайын каражаттар", "Специальные средства", "Special means"),
    ("14231", "1423", "revenue", "special_means", "Акы төлөнүүчү кызмат көрсөтүүлөрдөн түшкөн каражаттар",
     "Поступления от платных услуг", "Receipts from paid services"),
    ("145", "14", "revenue", "other_revenue", "Башка салыктык эмес кирешелер", "Прочие неналоговые доходы",
     "Other non-tax revenues"),
    ("14511", "145", "revenue", "other_revenue", "Муниципалдык мүлктү ижарага берүүдөн түшкөн киреше",
     "Доходы от аренды муниципального имущества", "Rent of municipal property"),
    ("13", None, "revenue", "transfers", "Расмий трансферттер", "Официальные трансферты", "Official transfers"),
    ("13311", "13", "revenue", "transfers", "Теңдөөчү грант", "Выравнивающий грант", "Equalisation grant"),
    ("13321", "13", "revenue", "transfers", "Стимулдаштыруучу гранттар", "Стимулирующие гранты",
     "Stimulating grants"),
    ("13331", "13", "revenue", "transfers", "Башка трансферттер", "Прочие трансферты", "Other transfers"),
    # --- Expenditures by function
    ("701", None, "expenditure", "administration", "Жалпы мамлекеттик кызматтар",
     "Государственные службы общего назначения", "General public services"),
    ("7011", "701", "expenditure", "administration", "Аткаруу жана мыйзам чыгаруу органдары",
     "Исполнительные и законодательные органы", "Executive and legislative bodies"),
    ("7016", "701", "expenditure", "administration", "Башка жалпы мамлекеттик кызматтар",
     "Прочие государственные службы общего назначения", "Other general public services"),
    ("703", None, "expenditure", "other_expenditure", "Коомдук тартип жана коопсуздук",
     "Общественный порядок и безопасность", "Public order and safety"),
    ("7032", "703", "expenditure", "environment", "Өрт жана өзгөчө кырдаалдардан коргоо",
     "Защита от пожаров и чрезвычайных ситуаций", "Fire and emergency protection"),
    ("704", None, "expenditure", "transport", "Экономикалык иштер", "Экономические вопросы", "Economic affairs"),
    ("7042", "704", "expenditure", "agriculture", "Айыл чарба жана жайыттар", "Сельское хозяйство и пастбища",
     "Agriculture and pastures"),
    ("7045", "704", "expenditure", "transport", "Жолдор жана транспорт", "Дороги и транспорт",
     "Roads and transport"),
    ("705", None, "expenditure", "environment", "Айлана-чөйрөнү коргоо", "Охрана окружающей среды",
     "Environmental protection"),
    ("7051", "705", "expenditure", "environment", "Таштандыларды чыгаруу", "Вывоз мусора", "Waste management"),
    ("7054", "705", "expenditure", "environment", "Сел жана суу ташкынынан коргоо",
     "Защита от селей и паводков", "Flood and mudflow protection"),
    ("706", None, "expenditure", "housing", "Турак жай-коммуналдык кызматтар",
     "Жилищно-коммунальные услуги", "Housing and communal services"),
    ("7063", "706", "expenditure", "water", "Суу менен камсыздоо", "Водоснабжение", "Water supply"),
    ("7064", "706", "expenditure", "housing", "Көчөлөрдү жарыктандыруу", "Уличное освещение", "Street lighting"),
    ("7066", "706", "expenditure", "housing", "Көрктөндүрүү жана башка коммуналдык кызматтар",
     "Благоустройство и прочие коммунальные услуги", "Amenities and other communal services"),
    ("707", None, "expenditure", "other_expenditure", "Саламаттыкты сактоо", "Здравоохранение", "Health"),
    ("7074", "707", "expenditure", "other_expenditure", "Коомдук саламаттыкты сактоо кызматтары",
     "Услуги общественного здравоохранения", "Public health services"),
    ("708", None, "expenditure", "culture", "Эс алуу, маданият жана дин", "Отдых, культура и религия",
     "Recreation, culture and religion"),
    ("7081", "708", "expenditure", "culture", "Спорт жана эс алуу", "Спорт и отдых", "Sport and recreation"),
    ("7082", "708", "expenditure", "culture", "Маданият", "Культура", "Culture"),
    ("70823", "7082", "expenditure", "culture", "Китепканалар", "Библиотеки", "Libraries"),
    ("709", None, "expenditure", "education", "Билим берүү", "Образование", "Education"),
    ("7091", "709", "expenditure", "education", "Мектепке чейинки билим берүү", "Дошкольное образование",
     "Pre-school education"),
    ("7092", "709", "expenditure", "education", "Жалпы орто билим берүү", "Общее среднее образование",
     "General secondary education"),
    ("7096", "709", "expenditure", "education", "Билим берүүдөгү кошумча кызматтар (окуучуларды ташуу)",
     "Вспомогательные услуги в образовании (подвоз учащихся)",
     "Auxiliary services in education (school transport)"),
    ("710", None, "expenditure", "social", "Социалдык коргоо", "Социальная защита", "Social protection"),
    ("7104", "710", "expenditure", "social", "Үй-бүлөгө жана балдарга жардам", "Помощь семьям и детям",
     "Family and children"),
    ("7109", "710", "expenditure", "social", "Башка социалдык жардам", "Прочая социальная помощь",
     "Other social protection"),
]


def load_codes(apps, schema_editor):
    BudgetClassification = apps.get_model("budget", "BudgetClassification")
    by_code = {}
    for code, parent, kind, category, name_ky, name_ru, name_en in CODES:
        by_code[code], _created = BudgetClassification.objects.update_or_create(
            code=code,
            defaults={"parent": by_code.get(parent), "kind": kind, "citizen_category": category,
                      "name_ky": name_ky, "name_ru": name_ru, "name_en": name_en},
        )


def remove_codes(apps, schema_editor):
    BudgetClassification = apps.get_model("budget", "BudgetClassification")
    # Children first: parents are protected.
    for code in sorted((row[0] for row in CODES), key=len, reverse=True):
        BudgetClassification.objects.filter(code=code, lines__isnull=True, children__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]

    operations = [migrations.RunPython(load_codes, remove_codes)]
