"""Planning's share of the demo: the joint study of needs of 1-Mai aiyl aimak and the joint
action plan that answered it (../shared/seed/).

Facts kept from the source: the problems the presentation names (drinking water in Айры-Там,
school transport from the border villages, floods in Ажек, kindergarten conditions, leisure for
youth and women, libraries, rules on keeping livestock), the projects and proposals that
answered them and their money (250.0 thousand som of the local budget and 50.0 of parents for
school transport; the 100.0 thousand som prize for the kindergarten's furniture). The votes, the
groups' sizes and the participants are demonstration figures: the study says so
(`figures_are_demo`) on its pages and in its PDF. Saved by stable keys: loading twice changes nothing.
"""
import datetime
from decimal import Decimal

from django.utils import timezone

from hearings.models import Hearing, Proposal
from planning.models import (ActionPlan, ActionStatusChange, Need, NeedRanking, NeedsStudy, PlannedAction,
                             PlannedResource, StudyGroup)
from core import bilingual
from core.models import Publishable, Village
from projects.models import FundingContribution, Project

Source = FundingContribution.Source
Status = PlannedAction.Status
R = PlannedAction.Responsible
D = datetime.date

STUDY = {
    "title_ky": "Жамааттын муктаждыктарын биргелешип изилдөө, 2021",
    "title_ru": "Совместное изучение нужд сообщества, 2021",
    "started_on": D(2021, 9, 1), "finished_on": D(2021, 10, 29),
    "methods": "gathering,survey,focus_groups,walk,problem_tree",
    "methods_text_ky": ("Айыл жыйындары, үй чарбаларын сурамжылоо, аялдар, эркектер жана жаштар менен өзүнчө "
                        "топтук талкуулар, аймакты кыдырып көрүү жана көйгөйлөрдүн дарагы."),
    "methods_text_ru": ("Сельские сходы, опрос домохозяйств, отдельные обсуждения с женщинами, мужчинами и "
                        "молодёжью, обход территории и дерево проблем."),
    "run_by_ky": "Айыл өкмөтү жана демилгелүү топтор, өнөктөш долбоордун колдоосу менен",
    "run_by_ru": "Айыл окмоту и инициативные группы при поддержке проекта-партнёра",
    "participants_total": 75, "participants_women": 40, "participants_men": 35, "participants_youth": 20,
    "households_surveyed": 210,
    "summary_ky": ("Айры-Там менен Ажектин тургундары айыл өкмөтү менен бирге өз муктаждыктарын изилдеп, жети "
                   "негизги көйгөйдү аныкташты. Аялдар, эркектер жана жаштар көйгөйлөрдү өзүнчө баалашты: "
                   "аялдар үчүн таза суу жана бала бакча биринчи орунда, эркектер үчүн — суу жана сел."),
    "summary_ru": ("Жители Айры-Тама и Ажека вместе с айыл окмоту изучили свои нужды и назвали семь главных "
                   "проблем. Женщины, мужчины и молодёжь ранжировали их отдельно: для женщин на первом месте "
                   "чистая вода и детский сад, для мужчин — вода и паводки."),
}

# name ky, name ru, participants (demonstration figures)
GROUPS = [("Аялдар", "Женщины", 40), ("Эркектер", "Мужчины", 35), ("Жаштар", "Молодёжь", 20)]

# key, village, topic, title ky, title ru, households affected, votes (women, men, youth): demonstration figures
NEEDS = [
    ("water", "Айры-Там", "water", "Айры-Тамда таза ичүүчү суу жок", "В Айры-Таме нет чистой питьевой воды",
     143, (34, 30, 12)),
    ("transport", None, "school", "Чек арадагы айылдардан окуучуларды мектепке ташуу",
     "Подвоз школьников из приграничных сёл", None, (25, 18, 15)),
    ("floods", "Ажек", "environment", "Ажекти сел каптайт", "Ажек страдает от паводков", None, (12, 27, 5)),
    ("kindergarten", "Айры-Там", "kindergarten", "Бала бакчанын шарттары начар",
     "Плохие условия в детском саду", None, (30, 10, 4)),
    ("leisure", None, "youth_women", "Жаштар менен аялдар эс ала турган жер жок",
     "Негде проводить досуг молодёжи и женщинам", None, (22, 6, 18)),
    ("libraries", "Айры-Там", "culture", "Китепканалар начар иштейт", "Библиотеки работают плохо", None,
     (9, 5, 11)),
    ("livestock", "Ажек", "agriculture", "Малды коомдук жерлерде айдоо жана кармоо эрежеси жок",
     "Нет правил прогона и содержания скота в общественных местах", None, (8, 20, 3)),
]

PLAN = {
    "title_ky": "Биргелешкен аракеттер планы 2022–2026",
    "title_ru": "План совместных действий на 2022–2026 годы",
    "starts_on": D(2022, 1, 1), "ends_on": D(2026, 12, 31),
    "summary_ky": ("Изилдөөдө аталган ар бир көйгөй боюнча иш-аракет, жооптуу, мөөнөт жана каражат булагы. "
                   "Айыл өкмөтү план боюнча жыл сайын айыл жыйынында отчет берет."),
    "summary_ru": ("По каждой проблеме, названной в изучении, — действие, ответственный, срок и источник средств. "
                   "Айыл окмоту ежегодно отчитывается по плану на сельском сходе."),
}

GATHERING = {
    "topic": "Айыл жыйыны: биргелешкен аракеттер планын талкуулоо / Сельский сход: обсуждение плана совместных действий",
    # In January, before the council approved the plan (and apart from the seed's 2021 hearings).
    "starts_at": (2022, 1, 20, 14), "village": "Айры-Там", "place": "Маданият үйү / Дом культуры",
    "agenda": ("Муктаждыктарды изилдөөнүн жыйынтыгы; биргелешкен аракеттер планынын долбоору.\n"
               "Итоги изучения нужд; проект плана совместных действий."),
    "decisions": ("Биргелешкен аракеттер планынын долбоору жактырылсын жана айылдык кеңешке сунушталсын. / "
                  "Одобрить проект плана совместных действий и внести его в айылный кенеш.\n"
                  "Айыл өкмөтү план боюнча жыл сайын жыйында отчет берсин. / "
                  "Айыл окмоту ежегодно отчитывается по плану на сходе."),
}

# need key, what ky, what ru, village, responsible, name, deadline, status, done on, reason ky, reason ru,
# project (a fragment of its Kyrgyz title), proposal (the start of its text), resources [(source, som, note ky, note ru)]
ACTIONS = [
    ("water", "Айры-Тамга 4,5 км ичүүчү суу түтүгүн тартуу", "Проложить 4,5 км водопровода к Айры-Таму",
     "Айры-Там", R.PARTNER, "БУУнун Дүйнөлүк азык-түлүк программасы (ВПП ООН)", D(2023, 12, 31), Status.DONE, D(2023, 10, 20), "", "",
     "таза ичүүчү суу", "Айры-Тамга таза ичүүчү суу түтүгүн тартуу",
     [(Source.DONOR, None, "суммасы жарыяланган эмес", "сумма не обнародована"),
      (Source.IN_KIND_MATERIALS, None, "АӨнүн техникасы жана күйүүчү майы", "техника и топливо АО"),
      (Source.IN_KIND_LABOUR, None, "50 аялдан турган ДТ жумушчуларды тамактандырды",
       "ИГ из 50 женщин кормила рабочих")]),
    ("water", "Суу түтүгү жок үйлөргө суу ташуучу унаа сатып алуу",
     "Купить машину для доставки воды в дома без водопровода", "Ажек", R.AO, "", D(2022, 12, 31), Status.DONE,
     D(2022, 11, 15), "", "", None, "Ичүүчү суу ташуучу унаа сатып алуу", [(Source.LOCAL_BUDGET, None, "", "")]),
    ("transport", "Чек арадагы айылдардан окуучуларды мектепке ташууну уюштуруу",
     "Организовать подвоз школьников из приграничных сёл", "Айры-Там", R.AO, "", D(2022, 12, 31), Status.DONE,
     D(2022, 9, 1), "", "", "окуучуларды мектепке ташуу", "Окуучуларды мектепке ташуучу автобус сатып алуу",
     [(Source.LOCAL_BUDGET, Decimal("250000"), "", ""),
      (Source.COMMUNITY_CASH, Decimal("50000"), "ата-энелер", "родители")]),
    ("floods", "Ажекте 300 м дамба куруп, ташка тизүү жана 2 000 көчөт отургузуу",
     "Построить в Ажеке дамбу 300 м, облицевать камнем и посадить 2 000 саженцев", "Ажек", R.AO,
     "Айыл өкмөтү жана Өзгөчө кырдаалдар министрлиги (МЧС)", D(2023, 6, 30), Status.DONE, D(2023, 5, 25), "", "", "селден коргоочу дамба",
     "Ажекти селден коргоочу дамбаны куруу", [(Source.REPUBLICAN_BUDGET, None, "Өзгөчө кырдаалдар министрлиги", "МЧС"),
                                              (Source.IN_KIND_LABOUR, None, "ДТ мүчөлөрү жана тургундар",
                                               "члены ИГ и жители")]),
    ("kindergarten", "Бала бакчага эмерек сатып алуу", "Купить мебель для детского сада", "Айры-Там", R.AO, "",
     D(2022, 6, 30), Status.DONE, D(2022, 5, 30), "", "", "Бала бакчага эмерек", "Бар бала бакчага жаңы эмерек",
     [(Source.CONTEST_PRIZE, Decimal("100000"), "«Жергиликтүү демилгелер», 2014", "«Местные инициативы», 2014")]),
    ("kindergarten", "Бала бакчанын жылытуу системасын оңдоо", "Отремонтировать отопление детского сада",
     "Айры-Там", R.AO, "", D(2026, 10, 1), Status.UNDER_WAY, None, "", "", None,
     "Бала бакчанын жылытуу системасын оңдоо", [(Source.LOCAL_BUDGET, None, "", "")]),
    ("leisure", "Мектептин жанында жаштар үчүн спорт аянтчасын куруу",
     "Построить у школы спортивную площадку для молодёжи", "Айры-Там", R.GROUP, "Жаштар демилгеси",
     D(2024, 10, 1), Status.POSTPONED, None,
     "Каражат табылган жок; аянтча кийинки жылдын бюджетине сунушталды.",
     "Средства не найдены; площадка предложена в бюджет следующего года.", None,
     "Жаштар үчүн спорт аянтчасын куруу", [(Source.LOCAL_BUDGET, Decimal("150000"), "", ""),
                                          (Source.IN_KIND_LABOUR, None, "жаштар", "молодёжь")]),
    ("leisure", "Маданият үйүндө аялдар үчүн кол өнөрчүлүк жана эс алуу борборун ачуу",
     "Открыть в Доме культуры центр ремёсел и досуга для женщин", "Айры-Там", R.GROUP, "Айры-Там аялдары",
     D(2026, 12, 20), Status.UNDER_WAY, None, "", "", None, "Аялдар үчүн кол өнөрчүлүк",
     [(Source.IN_KIND_LABOUR, None, "аялдардын ДТ", "ИГ женщин")]),
    ("libraries", "Китепканаларга жаңы китептерди жана окуу залына эмерек сатып алуу",
     "Купить библиотекам новые книги и мебель для читального зала", "Айры-Там", R.AO, "", D(2022, 12, 31),
     Status.DONE, D(2022, 12, 10), "", "", None, "Китепканалардын ишин жакшыртуу", [(Source.LOCAL_BUDGET, None, "", "")]),
    ("livestock", "Малды айдоо жана кармоо эрежесин демилгелүү топ менен даярдап, айылдык кеңешке бекитүү",
     "Подготовить с инициативной группой правила прогона и содержания скота и утвердить в айылном кенеше",
     "Ажек", R.GROUP, "Жайыт жана мал", D(2022, 6, 30), Status.DONE, D(2022, 4, 28), "", "", None,
     "Малды айыл аркылуу айдоонун", []),
]

PLANNED_ON = D(2022, 1, 14)


def load(command):
    villages = {village.name: village for village in Village.objects.all()}
    study, _created = NeedsStudy.objects.update_or_create(
        title_ky=STUDY["title_ky"],
        defaults={**STUDY, "status": Publishable.Status.PUBLISHED, "figures_are_demo": True,
                  "published_at": timezone.now()})
    study.villages.set([village for name, village in villages.items() if name in ("Айры-Там", "Ажек")])
    groups = []
    for order, (name_ky, name_ru, participants) in enumerate(GROUPS):
        group, _created = StudyGroup.objects.update_or_create(
            study=study, name_ky=name_ky, defaults={"name_ru": name_ru, "participants": participants, "order": order})
        groups.append(group)
    needs = {}
    for key, village, topic, title_ky, title_ru, households, votes in NEEDS:
        need, _created = Need.objects.update_or_create(
            study=study, title_ky=title_ky,
            defaults={"title_ru": title_ru, "village": villages.get(village), "topic": topic,
                      "households_affected": households})
        needs[key] = need
        for group, count in zip(groups, votes):
            NeedRanking.objects.update_or_create(need=need, group=group, defaults={"votes": count})

    gathering = _gathering(villages)
    plan, _created = ActionPlan.objects.update_or_create(
        title_ky=PLAN["title_ky"],
        defaults={**PLAN, "study": study, "gathering": gathering, "status": Publishable.Status.PUBLISHED,
                  "published_at": timezone.now()})
    for (need_key, what_ky, what_ru, village, responsible, name, deadline, status, done_on, reason_ky, reason_ru,
         project_fragment, proposal_start, resources) in ACTIONS:
        action, _created = PlannedAction.objects.update_or_create(
            plan=plan, what_ky=what_ky,
            defaults={"what_ru": what_ru, "need": needs[need_key], "village": villages.get(village),
                      "responsible_kind": responsible, "responsible_name": name, "deadline": deadline,
                      "status": status, "done_on": done_on, "reason_ky": reason_ky, "reason_ru": reason_ru,
                      "status_changed_on": done_on or PLANNED_ON})
        proposals = Proposal.objects.filter(text__startswith=proposal_start) if proposal_start else Proposal.objects.none()
        action.proposals.set(proposals)
        projects = Project.objects.filter(title_ky__contains=project_fragment) if project_fragment else []
        action.projects.set(projects)
        action.budget_lines.set([proposal.budget_line for proposal in proposals if proposal.budget_line_id])
        for source, amount, note_ky, note_ru in resources:
            PlannedResource.objects.update_or_create(action=action, source=source,
                                                     defaults={"amount": amount, "note_ky": note_ky, "note_ru": note_ru})
        _trail(action, status, done_on, reason_ky, reason_ru)
    command.stdout.write(f"  planning: 1 study of {len(needs)} needs, 1 plan of {len(ACTIONS)} actions")


def _gathering(villages):
    year, month, day, hour = GATHERING["starts_at"]
    starts_at = timezone.make_aware(datetime.datetime(year, month, day, hour))
    hearing, _created = Hearing.objects.update_or_create(
        kind=Hearing.Kind.VILLAGE_GATHERING, starts_at=starts_at,
        # "Kyrgyz / Russian" texts go to their own language's columns (core.bilingual).
        defaults=bilingual.in_languages(Hearing, {
            "topic": GATHERING["topic"], "village": villages.get(GATHERING["village"]),
            "place": GATHERING["place"], "agenda": GATHERING["agenda"], "decisions": GATHERING["decisions"],
            "state": Hearing.State.HELD, "status": Publishable.Status.PUBLISHED,
            "published_at": timezone.now()}))
    return hearing


def _trail(action, status, done_on, reason_ky, reason_ru):
    ActionStatusChange.objects.get_or_create(action=action, to_status=Status.PLANNED, from_status="",
                                             defaults={"changed_on": PLANNED_ON})
    if status == Status.PLANNED:
        return
    if status == Status.DONE:
        ActionStatusChange.objects.get_or_create(action=action, from_status=Status.PLANNED,
                                                 to_status=Status.UNDER_WAY,
                                                 defaults={"changed_on": min(done_on, PLANNED_ON + datetime.timedelta(days=60))})
        ActionStatusChange.objects.get_or_create(action=action, from_status=Status.UNDER_WAY, to_status=Status.DONE,
                                                 defaults={"changed_on": done_on})
    else:
        ActionStatusChange.objects.get_or_create(
            action=action, from_status=Status.PLANNED, to_status=status,
            defaults={"changed_on": action.deadline if status == Status.POSTPONED else D(2024, 3, 1),
                      "reason_ky": reason_ky, "reason_ru": reason_ru})
