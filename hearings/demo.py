"""The hearings' share of the demo: the two development programmes, the hearings the AO's
report describes with their exact figures (../shared/seed/FACTS.md), their proposals and what
became of them. Texts are our own words; chairs and secretaries are invented and marked so."""
import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from core.bilingual import in_languages
from hearings.models import DevelopmentProgramme, Hearing, Proposal, ProposalStatusChange
from core.models import CouncilResolution, Village

S = Proposal.Status
G = Proposal.Source
T = Proposal.Topic

PROGRAMMES = [
    {"key": (2018, 2022), "resolution": ("23", datetime.date(2017, 11, 22)),
     "title": "Социалдык-экономикалык өнүктүрүү программасы 2018–2022 / Программа СЭР 2018–2022",
     "summary": "1-Май айыл аймагынын 2018–2022-жылдарга өнүгүү программасы.\n"
                "Программа социально-экономического развития 1-Майского АА на 2018–2022 годы."},
    {"key": (2022, 2026), "resolution": ("1/5", datetime.date(2021, 12, 24)),
     "title": "Социалдык-экономикалык өнүктүрүү программасы 2022–2026 / Программа СЭР 2022–2026",
     "summary": "Программа коомдук угууда келип түшкөн сунуштарды эске алып түзүлдү: таза ичүүчү суу, "
                "бала бакчалар, жаштар жана аялдар үчүн эс алуу.\n"
                "Программа учла предложения общественных слушаний: чистая питьевая вода, детские сады, "
                "досуг молодёжи и женщин."},
]


def at(year, month, day, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


# (source, group name, topic, village, text, is_question, final status, answer)
PROGRAMME_PROPOSALS = [
    (G.GROUP, "Таза суу", T.WATER, "Айры-Там",
     "Айры-Тамга таза ичүүчү суу түтүгүн тартуу керек, азыр суу арыктан алынат.", False, S.ACCEPTED,
     "Программага киргизилди: Айры-Тамга ичүүчү суу түтүгү 2022–2023-жылдары тартылат."),
    (G.GROUP, "Таза суу", T.WATER, "Ажек",
     "Ажектеги эски суу сактагычты (резервуарды) калыбына келтирүү.", False, S.ACCEPTED,
     "Программага киргизилди, донорлордун каражатын тартуу пландалууда."),
    (G.GROUP, "Билим жана бала бакча", T.KINDERGARTEN, "Айры-Там",
     "Айры-Тамда кичинекей бала бакча ачуу: балдардын саны көбөйдү, кезек узун.", False, S.ACCEPTED,
     "Программага киргизилди: бала бакча үчүн имарат изделет, долбоор даярдалат."),
    (G.GROUP, "Билим жана бала бакча", T.KINDERGARTEN, "Айры-Там",
     "Бар бала бакчага жаңы эмерек жана оюнчуктар сатып алуу.", False, S.ACCEPTED,
     "Программага киргизилди; сынактын сыйлыгы ушул максатка жумшалат."),
    (G.GROUP, "Жаштар демилгеси", T.YOUTH_WOMEN, "Айры-Там",
     "Жаштар үчүн спорт аянтчасын куруу (волейбол, мини-футбол).", False, S.ACCEPTED,
     "Программага киргизилди: спорт аянтчасы мектептин жанында курулат."),
    (G.GROUP, "Айры-Там аялдары", T.YOUTH_WOMEN, "Айры-Там",
     "Аялдар үчүн кол өнөрчүлүк жана эс алуу борборун ачуу.", False, S.ACCEPTED,
     "Программага киргизилди: маданият үйүнүн бир бөлмөсү аялдар борборуна берилет."),
    (G.CITIZEN, "", T.WATER, "Ажек",
     "Ажекте ичүүчү суунун сапатын жылына эки жолу текшертип туруу.", False, S.ACCEPTED,
     "Программага киргизилди: суунун сапаты санитардык кызмат менен бирге текшерилет."),
    (G.DEPUTY, "", T.YOUTH_WOMEN, "Ажек",
     "Ажектеги айылдык клубду оңдоп, жаштар менен аялдарга ачуу.", False, S.ACCEPTED,
     "Программага киргизилди: клубдун чатыры жана жылытуусу оңдолот."),
    (G.GROUP, "Таза суу", T.WATER, "Айры-Там",
     "Ичүүчү суу үчүн төлөмдү азайтуу.", False, S.REJECTED,
     "Тарифти айылдык кеңеш бекитет; ал суу түтүгүн тейлөөнүн чыгымын гана жабат."),
    (G.GROUP, "Жаштар демилгеси", T.YOUTH_WOMEN, "Айры-Там",
     "Жаштар борборуна акысыз интернет орнотуу.", False, S.UNDER_REVIEW, ""),
    (G.GROUP, "Айры-Там аялдары", T.KINDERGARTEN, "Айры-Там",
     "Бала бакчага кезек кантип түзүлөт, ким чечет?", True, S.ANSWERED,
     "Кезекти айыл өкмөтү жана бала бакча бирге жүргүзөт; тизме айыл өкмөтүнүн тактасында илинет."),
    (G.GROUP, "Коопсуз Ажек", T.ENVIRONMENT, "Ажек",
     "Ажекти селден коргоочу дамбаны куруу.", False, S.REJECTED,
     "Дамба 2018–2022 программасына кирген жана куруу иштери жүрүп жатат; жаңы программага кайталанбайт."),
    (G.GROUP, "Көчөлөр жана жарык", T.ROADS, "Айры-Там",
     "Айры-Тамдын борбордук көчөсүнө жарык орнотуу.", False, S.UNDER_REVIEW, ""),
    (G.CITIZEN, "", T.WATER, "Айры-Там",
     "Суу түтүгү качан бүтөт?", True, S.ANSWERED,
     "Иштер донордун каражаты келгенден кийин башталып, бир жылдын ичинде бүтөт."),
    (G.CITIZEN, "", T.AGRICULTURE, "Ажек",
     "Дыйкандар үчүн айыл чарба техникасын сатып алуу.", False, S.REJECTED,
     "Бул айыл өкмөтүнүн ыйгарым укугуна кирбейт; дыйкандарга кооперативдик долбоорлор сунушталат."),
    (G.CITIZEN, "", T.KINDERGARTEN, "Айры-Там",
     "Бала бакчанын төлөмү канча болот?", True, S.ANSWERED,
     "Төлөмдү айылдык кеңеш бекитет; аз камсыз болгон үй-бүлөлөргө жеңилдик сакталат."),
    (G.CSO, "", T.YOUTH_WOMEN, "Айры-Там",
     "Кыз-келиндер үчүн лидерлик боюнча окутууларды өткөрүү.", False, S.UNDER_REVIEW, ""),
    (G.DEPUTY, "", T.GOVERNANCE, "Айры-Там",
     "Программанын аткарылышы жөнүндө калкка ким, качан отчет берет?", True, S.ANSWERED,
     "Айыл өкмөтү жыл сайын коомдук угууда отчет берет, отчет порталга жарыяланат."),
    (G.CITIZEN, "", T.KINDERGARTEN, "Ажек",
     "Ажекте өзүнчө бала бакча куруу.", False, S.REJECTED,
     "Ажекте балдар аз; мектептин алдында мектепке даярдоо тобу ачылат."),
    (G.CITIZEN, "", T.YOUTH_WOMEN, "Ажек",
     "Ажекте футбол талаасын куруу.", False, S.REJECTED,
     "Айры-Тамдагы спорт аянтчасы эки айылдын жаштарына кызмат кылат."),
    (G.CITIZEN, "", T.YOUTH_WOMEN, "Айры-Там",
     "Жаштарга жумуш орундары боюнча айыл өкмөтү эмне кылат?", True, S.ANSWERED,
     "Жаштар жайкы коомдук иштерге тартылат; ишкерлик боюнча окутуулар уюштурулат."),
    (G.CSO, "", T.CULTURE, "Айры-Там",
     "Китепканада жаштар клубун ачуу.", False, S.REJECTED,
     "Китепкананын иши жергиликтүү бюджеттин долбоорун талкуулоодо каралат."),
    (G.CITIZEN, "", T.WATER, "Айры-Там",
     "Мектепке ичүүчү суу жеткирүү.", False, S.UNDER_REVIEW, ""),
]

BUDGET_PROPOSALS = [
    (G.GROUP, "Билим жана бала бакча", T.CULTURE, "Айры-Там",
     "Китепканалардын ишин жакшыртуу: жаңы китептер жана окуу залына эмерек.", False, S.ACCEPTED,
     "2022-жылдын бюджетине киргизилди: китепканаларга каражат бөлүндү."),
    (G.GROUP, "Таза суу", T.WATER, "Ажек",
     "Ичүүчү суу ташуучу унаа сатып алуу: суу түтүгү жок үйлөргө суу жеткирүү үчүн.", False, S.ACCEPTED,
     "2022-жылдын бюджетине киргизилди: суу ташуучу унаа сатып алынат."),
    (G.GROUP, "Ачык бюджет", T.SCHOOL, "Айры-Там",
     "Окуучуларды мектепке ташуучу автобус сатып алуу: чек арадагы айылдардан балдар алыстан жөө келишет.",
     False, S.ACCEPTED,
     "2022-жылдын бюджетине киргизилди: окуучуларды ташуу үчүн жергиликтүү бюджеттен 250 000 сом бөлүндү."),
    (G.CITIZEN, "", T.ROADS, "Айры-Там",
     "Көчө чырактарын оңдоо.", False, S.ACCEPTED, "Бюджетке киргизилди: көчө жарыгын оңдоого каражат бөлүндү."),
    (G.DEPUTY, "", T.KINDERGARTEN, "Айры-Там",
     "Бала бакчанын жылытуу системасын оңдоо.", False, S.ACCEPTED,
     "Бюджетке киргизилди: жылытуу системасы жайында оңдолот."),
    (G.CITIZEN, "", T.AGRICULTURE, "Ажек",
     "Ажектеги сугат арыгын тазалоо.", False, S.ACCEPTED, "Бюджетке киргизилди: арык жазында тазаланат."),
    (G.CSO, "", T.YOUTH_WOMEN, "Айры-Там",
     "Жаштар үчүн спорт шаймандарын сатып алуу.", False, S.ACCEPTED, "Бюджетке киргизилди."),
    (G.CITIZEN, "", T.ROADS, "Ажек",
     "Ажекке чейинки жолго асфальт төшөө.", False, S.REJECTED,
     "Жергиликтүү бюджет жетпейт; жол республикалык программага сунушталат."),
    (G.CITIZEN, "", T.GOVERNANCE, "Айры-Там",
     "Жер салыгы эмне үчүн көбөйдү?", True, S.ANSWERED,
     "Салыктын ставкасын мыйзам аныктайт; айыл өкмөтү аны өзгөртө албайт, түшүндүрмө тактага илинет."),
    (G.CITIZEN, "", T.SCHOOL, "Айры-Там",
     "Мугалимдердин айлыгын көбөйтүү.", False, S.REJECTED,
     "Мугалимдердин айлыгы республикалык бюджеттен төлөнөт."),
    (G.CITIZEN, "", T.OTHER, "Ажек",
     "Көрүстөндүн тосмосун оңдоо.", False, S.UNDER_REVIEW, ""),
]

LIVESTOCK_PROPOSALS = [
    (G.GROUP, "Жайыт жана мал", T.AGRICULTURE, "Ажек",
     "Малды айыл аркылуу айдоонун убактысын жана жолун белгилөө.", False, S.DONE,
     "Эрежеге киргизилди жана айылдык кеңеш бекитти; эреже иштеп жатат."),
    (G.GROUP, "Жайыт жана мал", T.AGRICULTURE, "Айры-Там",
     "Мектептин жана бала бакчанын жанында мал кармоого тыюу салуу.", False, S.ACCEPTED,
     "Эрежеге киргизилди."),
    (G.GROUP, "Жайыт жана мал", T.AGRICULTURE, "Ажек",
     "Ээсиз жүргөн мал үчүн айыпты көбөйтүү.", False, S.PARTLY_ACCEPTED,
     "Айыптын өлчөмүн мыйзам аныктайт; эрежеге малды кармап туруучу жай жөнүндө пункт кошулду."),
    (G.CITIZEN, "", T.AGRICULTURE, "Ажек",
     "Жайытка акы алууну токтотуу.", False, S.REJECTED,
     "Жайыт үчүн акы жайыттарды оңдоого жумшалат, аны жокко чыгаруу мүмкүн эмес."),
]

CHAIR = "Т. Асанов (демо аты / демо-имя)"
SECRETARY = "Г. Жумабаева (демо аты / демо-имя)"

HEARINGS = [
    {
        "key": ("programme", at(2021, 11, 26)),
        "topic": "2022–2026-жылдарга өнүктүрүү программасынын долбоору / Проект программы СЭР на 2022–2026 годы",
        "village": "Айры-Там", "place": "Айыл өкмөтүнүн мажилис залы, С. Жунусов көч.",
        "announced_on": datetime.date(2021, 11, 10), "programme": (2022, 2026),
        "agenda": "1. 2018–2022 программасынын аткарылышы.\n2. 2022–2026 программасынын долбоору.\n"
                  "3. Сунуштар жана суроолор.",
        "agenda_ru": "1. Исполнение программы 2018–2022.\n2. Проект программы 2022–2026.\n3. Предложения и вопросы.",
        "state": Hearing.State.HELD, "participants_total": 83, "participants_women": 31, "participants_men": 52,
        "minutes": "Айыл өкмөтүнүн башчысы 2018–2022 программасынын аткарылышы жөнүндө айтып берди. "
                   "Программанын долбоору талкууланды; 23 сунуш жана суроо түштү, анын 11и демилгелүү "
                   "топтордон. Сунуштар программаны иштеп чыгуучу топко берилди.\n"
                   "Глава АО рассказал об исполнении программы 2018–2022. Обсуждён проект программы; "
                   "поступило 23 предложения и вопроса, из них 11 от инициативных групп.",
        "proposals": PROGRAMME_PROPOSALS, "review_on": datetime.date(2021, 12, 1),
        "decided_on": datetime.date(2021, 12, 24),
    },
    {
        "key": ("budget_draft", at(2021, 8, 20)),
        "topic": "2022-жылдын жергиликтүү бюджетинин долбоору / Проект местного бюджета на 2022 год",
        "village": "Айры-Там", "place": "Маданият үйү / Дом культуры",
        "announced_on": datetime.date(2021, 8, 5), "programme": None,
        "agenda": "1. 2022-жылдын бюджетинин долбоору: кирешелер жана чыгашалар.\n2. Сунуштар жана суроолор.",
        "agenda_ru": "1. Проект бюджета на 2022 год: доходы и расходы.\n2. Предложения и вопросы.",
        "state": Hearing.State.HELD, "participants_total": 135, "participants_women": 57, "participants_men": 78,
        "participants_from_groups": 25,
        "minutes": "Финансы бөлүмү бюджеттин долбоорун жөнөкөй тил менен көрсөттү. 11 сунуш түштү; "
                   "демилгелүү топтордун үч сунушу (китепканалар, суу ташуучу унаа, мектеп автобусу) "
                   "колдоого алынды.\n"
                   "Проект бюджета представлен простым языком. Поступило 11 предложений.",
        "proposals": BUDGET_PROPOSALS, "review_on": datetime.date(2021, 9, 1),
        "decided_on": datetime.date(2021, 12, 20),
    },
    {
        "key": ("local_rules", at(2022, 4, 15, 14)),
        "topic": "Коомдук жерлерде мал айдоо жана кармоо эрежелери / Правила прогона и содержания скота",
        "village": "Ажек", "place": "Ажек мектеби / Школа Ажек",
        "announced_on": datetime.date(2022, 4, 1), "programme": None,
        "agenda": "1. «Жайыт жана мал» демилгелүү тобу даярдаган эрежелердин долбоору.\n2. Сунуштар.",
        "agenda_ru": "1. Проект правил, подготовленный инициативной группой «Жайыт жана мал».\n2. Предложения.",
        "state": Hearing.State.HELD, "participants_total": 64, "participants_women": 22, "participants_men": 42,
        "participants_from_groups": 18, "participants_youth": 9,
        "minutes": "«Жайыт жана мал» тобу эрежелердин долбоорун тааныштырды. Сунуштар айылдык кеңешке берилди.\n"
                   "Группа «Жайыт жана мал» представила проект правил (цифры явки — демо).",
        "proposals": LIVESTOCK_PROPOSALS, "review_on": datetime.date(2022, 4, 25),
        "decided_on": datetime.date(2022, 5, 20), "done_on": datetime.date(2022, 9, 1),
    },
    {
        "key": ("budget_draft", at(2026, 12, 10)),
        "topic": "2027-жылдын жергиликтүү бюджетинин долбоору / Проект местного бюджета на 2027 год",
        "village": "Айры-Там", "place": "Маданият үйү / Дом культуры",
        "announced_on": datetime.date(2026, 11, 20), "programme": (2022, 2026),
        "agenda": "1. 2027-жылдын бюджетинин долбоору.\n2. 2026-жылдын сунуштарынын аткарылышы.\n"
                  "3. Сунуштар жана суроолор.",
        "agenda_ru": "1. Проект бюджета на 2027 год.\n2. Исполнение предложений 2026 года.\n3. Предложения и вопросы.",
        "state": Hearing.State.ANNOUNCED, "minutes": "", "proposals": [],
    },
]


def load(command):
    resolutions = {(r.number, r.date): r for r in CouncilResolution.objects.all()}
    programmes = {}
    for spec in PROGRAMMES:
        first, last = spec["key"]
        programme, _created = DevelopmentProgramme.objects.update_or_create(
            first_year=first, last_year=last,
            defaults=in_languages(DevelopmentProgramme, {"title": spec["title"], "summary": spec["summary"],
                                                         "resolution": resolutions.get(spec["resolution"])}))
        if not programme.is_published:
            programme.publish()
        programmes[spec["key"]] = programme

    villages = {village.name: village for village in Village.objects.all()}
    from groups.models import InitiativeGroup

    groups = {group.name: group for group in InitiativeGroup.objects.all()}
    user = User.objects.filter(username="staff").first()
    for spec in HEARINGS:
        kind, starts_at = spec["key"]
        defaults = {
            "topic": spec["topic"], "village": villages.get(spec["village"]), "place": spec["place"],
            "announced_on": spec["announced_on"], "agenda": spec["agenda"], "state": spec["state"],
            "programme": programmes.get(spec["programme"]), "minutes": spec["minutes"],
            "chair": CHAIR if spec["state"] == Hearing.State.HELD else "",
            "secretary": SECRETARY if spec["state"] == Hearing.State.HELD else "",
        }
        for field in ("participants_total", "participants_women", "participants_men", "participants_from_groups",
                      "participants_youth"):
            defaults[field] = spec.get(field)
        defaults = {**in_languages(Hearing, defaults), "agenda_ru": spec.get("agenda_ru", "")}
        hearing, _created = Hearing.objects.update_or_create(kind=kind, starts_at=starts_at, defaults=defaults)
        if not hearing.is_published:
            hearing.publish()
        for source, group_name, topic, village, text, is_question, status, answer in spec["proposals"]:
            if source == G.GROUP and group_name not in groups:
                command.stdout.write(f"hearings demo: initiative group {group_name!r} not found")
            decided = status not in Proposal.WAITING
            proposal, _created = Proposal.objects.update_or_create(
                hearing=hearing, text=text,
                defaults=in_languages(Proposal, {
                    "source": source, "group": groups.get(group_name), "topic": topic,
                    "village": villages.get(village), "is_question": is_question, "status": status,
                    "response": answer, "decided_on": spec["decided_on"] if decided else None,
                    "programme": programmes[(2022, 2026)] if (
                        kind == "programme" and status == S.ACCEPTED) else None,
                }))
            _trail(proposal, hearing, spec, user)
    command.stdout.write("hearings: programmes, hearings and proposals loaded.")


def _trail(proposal, hearing, spec, user):
    """received → under review → the decision (→ done): the way the proposal went."""
    steps = [("", S.RECEIVED, timezone.localtime(hearing.starts_at).date()),
             (S.RECEIVED, S.UNDER_REVIEW, spec["review_on"])]
    if proposal.status not in Proposal.WAITING:
        decision = S.ACCEPTED if proposal.status == S.DONE else proposal.status
        steps.append((S.UNDER_REVIEW, decision, spec["decided_on"]))
        if proposal.status == S.DONE:
            steps.append((S.ACCEPTED, S.DONE, spec["done_on"]))
    for from_status, to_status, on in steps:
        ProposalStatusChange.objects.get_or_create(
            proposal=proposal, from_status=from_status, to_status=to_status, changed_on=on,
            defaults={"changed_by": user})
