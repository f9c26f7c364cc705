"""The five co-financed projects of 1-Mai AA, with exactly the figures of its report
(../shared/seed/FACTS.md). Where the report names a funder without a figure, no figure is
invented: money is marked "amount not made public", work and goods in kind carry no value."""
from decimal import Decimal

from django.utils import timezone

from core.bilingual import in_languages
from core.models import Publishable, Village
from projects.models import FundingContribution, Project

Source = FundingContribution.Source

PROJECTS = [
    {
        "title": "Чек арадагы айылдардан окуучуларды мектепке ташуу / Подвоз школьников из приграничных сёл",
        "summary": "Окуучулар мектепке жана үйгө автобус менен ташылат. / Школьников возят в школу и обратно домой.",
        "description": (
            "Чек арадагы алыскы айылдардын балдары мектепке жөө барышчу. Жергиликтүү бюджеттен жана ата-энелердин "
            "салымынан окуучуларды мектепке алып барып, үйүнө кайра алып келүү уюштурулду.\n"
            "Дети из дальних приграничных сёл ходили в школу пешком. На средства местного бюджета и родителей "
            "организован подвоз учеников в школу и обратно."
        ),
        "result": "85 окуучу мектепке бара алат. / 85 учеников могут посещать школу.",
        "villages": ["Айры-Там"],
        "beneficiaries": {"pupils": 85},
        "groups": ["Ачык бюджет"],
        "proposal_starts_with": "Окуучуларды мектепке ташуучу автобус сатып алуу",
        "contributions": [
            {"source": Source.LOCAL_BUDGET, "funder": "Жергиликтүү бюджет / Местный бюджет",
             "amount": Decimal("250000")},
            {"source": Source.COMMUNITY_CASH, "funder": "Ата-энелер / Родители", "amount": Decimal("50000")},
        ],
    },
    {
        "title": "Айры-Там айылына таза ичүүчү суу / Питьевая вода для Айры-Там",
        "summary": "Айылга 4,5 км суу түтүгү тартылды. / К селу проложено 4,5 км водопровода.",
        "description": (
            "Айры-Там айылына 4,5 км суу түтүгү тартылды. БУУнун Бүткүл дүйнөлүк азык-түлүк программасы "
            "инвестиция салды, айыл өкмөтү техника жана күйүүчү май менен камсыз кылды, 50 аялдан турган "
            "демилгелүү топ жумушчуларды тамактандырды.\n"
            "К селу Айры-Там проложено 4,5 км водопровода. Инвестировала ВПП ООН, айыл окмоту предоставил технику "
            "и ГСМ, инициативная группа из 50 женщин кормила рабочих."
        ),
        "result": ("143 үй чарбасы таза ичүүчү суу менен камсыз болду. / "
                   "143 домохозяйства обеспечены чистой питьевой водой."),
        "villages": ["Айры-Там"],
        "beneficiaries": {"households": 143, "women": 109, "men": 155, "children": 85},
        "groups": ["Айры-Там аялдары", "Таза суу"],
        "contributions": [
            {"source": Source.DONOR,
             "funder": "БУУнун Бүткүл дүйнөлүк азык-түлүк программасы / ВПП ООН",
             "amount_undisclosed": True,
             "in_kind_description": "Инвестиция: 4,5 км суу түтүгү / Инвестиции: 4,5 км водопровода"},
            {"source": Source.IN_KIND_MATERIALS, "funder": "Айыл өкмөтү (жергиликтүү бюджет) / АО (местный бюджет)",
             "in_kind_description": "Техника жана күйүүчү май / Техника и ГСМ"},
            {"source": Source.IN_KIND_LABOUR, "funder": "«Айры-Там аялдары» демилгелүү тобу (50 аял) / ИГ из 50 женщин",
             "in_kind_description": "Жумушчуларды тамактандыруу / Питание рабочих"},
        ],
    },
    {
        "title": "Ажек айылында селден коргоочу дамба / Противопаводковая дамба в Ажеке",
        "summary": "300 м дамба таш менен бекемделди, 2 000 көчөт отургузулду. / "
                   "Дамба 300 м укреплена камнем, посажено 2 000 саженцев.",
        "description": (
            "Ажек айылын сел каптабашы үчүн узундугу 300 м дамба куруп, таш менен бекемделди жана 2 000 көчөт "
            "отургузулду. Айыл өкмөтү, Өзгөчө кырдаалдар министрлиги, демилгелүү топтун мүчөлөрү жана жамаат "
            "катышты.\n"
            "Для защиты Ажека от паводков построена дамба длиной 300 м, укреплённая камнем, посажено 2 000 "
            "саженцев. Участвовали АО, МЧС, члены инициативной группы и население."
        ),
        "result": "180 үй-бүлө коопсуз жашайт. / 180 семей живут в безопасности.",
        "villages": ["Ажек"],
        "beneficiaries": {"families": 180},
        "groups": ["Коопсуз Ажек"],
        "contributions": [
            {"source": Source.LOCAL_BUDGET, "funder": "Айыл өкмөтү / Айыл окмоту", "amount_undisclosed": True},
            {"source": Source.REPUBLICAN_BUDGET,
             "funder": "Өзгөчө кырдаалдар министрлиги (ӨКМ) / МЧС КР", "amount_undisclosed": True},
            {"source": Source.IN_KIND_LABOUR, "funder": "Демилгелүү топтун мүчөлөрү жана жамаат / Члены ИГ и население",
             "in_kind_description": "Дамбаны куруу жана көчөт отургузуу / Строительство дамбы и посадка саженцев"},
        ],
    },
    {
        "title": "Бала бакчага эмерек / Мебель для детского сада",
        "summary": "Сынактын сыйлыгына бала бакчага эмерек сатылып алынды. / "
                   "На премию конкурса куплена мебель для детского сада.",
        "description": (
            "«Таза суунун башаты таза болсун» демилгеси 2014-жылкы «Местные инициативы» сынагында 1-орунду алды; "
            "сыйлыкка бала бакчага эмерек алынды.\n"
            "Инициатива «Таза суунун башаты таза болсун» заняла 1-е место в конкурсе «Местные инициативы» 2014 "
            "года; на премию куплена мебель для детского сада."
        ),
        "result": "",
        "villages": [],
        "beneficiaries": {},
        "groups": ["Таза суу"],
        "contributions": [
            {"source": Source.CONTEST_PRIZE, "funder": "Сынактын уюштуруучулары / Организаторы конкурса",
             "amount": Decimal("100000"), "contest_name": "Местные инициативы", "contest_year": 2014,
             "contest_place": 1},
        ],
    },
    {
        "title": "Калк менен жолугушууларга жабдуулар / Оборудование для встреч с населением",
        "summary": "Калк менен жолугушуулар үчүн жабдуулар жана эмерек алынды. / "
                   "Куплены оборудование и мебель для встреч с населением.",
        "description": (
            "2015-жылкы «Реальное участие граждан в бюджетном процессе» сынагында 1-орун алынып, сыйлыкка калк "
            "менен жолугушууларга жабдуулар жана эмерек сатылып алынды.\n"
            "За 1-е место в конкурсе «Реальное участие граждан в бюджетном процессе» 2015 года на премию куплены "
            "оборудование и мебель для встреч с населением."
        ),
        "result": "",
        "villages": [],
        "beneficiaries": {},
        "groups": ["Ачык бюджет"],
        "contributions": [
            {"source": Source.CONTEST_PRIZE, "funder": "Сынактын уюштуруучулары / Организаторы конкурса",
             "amount": Decimal("170000"), "contest_name": "Реальное участие граждан в бюджетном процессе",
             "contest_year": 2015, "contest_place": 1},
        ],
    },
]

BENEFICIARY_FIELDS = ("households", "families", "women", "men", "children", "pupils")
CONTRIBUTION_DEFAULTS = {"amount": None, "amount_undisclosed": False, "in_kind_description": "",
                         "contest_name": "", "contest_year": None, "contest_place": None}


def load(command):
    from groups.models import InitiativeGroup
    from hearings.models import Proposal

    for data in PROJECTS:
        defaults = in_languages(Project, {
            "summary": data["summary"], "description": data["description"], "result": data["result"],
            "state": Project.State.DONE, "status": Publishable.Status.PUBLISHED,
            **{field: data["beneficiaries"].get(field) for field in BENEFICIARY_FIELDS},
        })
        project, _created = Project.objects.update_or_create(**in_languages(Project, {"title": data["title"]}),
                                                             defaults=defaults)
        if project.published_at is None:
            project.published_at = timezone.now()
            project.save(update_fields=["published_at"])
        project.villages.set(Village.objects.filter(name__in=data["villages"]))
        project.groups.set(InitiativeGroup.objects.filter(name__in=data["groups"]))
        kept = []
        for contribution in data["contributions"]:
            values = in_languages(FundingContribution, {**CONTRIBUTION_DEFAULTS, **contribution})
            record, _created = FundingContribution.objects.update_or_create(
                project=project, source=values.pop("source"), funder_ky=values.pop("funder_ky"),
                funder_ru=values.pop("funder_ru"), defaults=values)
            record.full_clean()
            kept.append(record.pk)
        project.contributions.exclude(pk__in=kept).delete()
        if data.get("proposal_starts_with"):
            Proposal.objects.filter(text__startswith=data["proposal_starts_with"]).update(project=project)
    command.stdout.write(f"Projects: {len(PROJECTS)} co-financed projects.")
