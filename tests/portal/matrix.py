"""The portal's own pages in the permission matrix (tests/test_permission_matrix.py): search,
open data, the annual report (public) and the council sessions and packs (deputies and staff)."""
import datetime

from tests.test_permission_matrix import COUNCIL, PUBLIC, STAFF_ONLY, Entry


def council_session(o):
    from portal.models import CouncilSession

    session, _ = CouncilSession.objects.get_or_create(
        convocation=7, number=1, defaults={"date": datetime.date(2022, 2, 10), "agenda": "Бюджет жөнүндө"})
    return session


def council_pack(o):
    from portal.models import CouncilPack

    pack = CouncilPack.objects.filter(session=council_session(o)).first()
    if pack is None:
        pack = CouncilPack.objects.create(session=council_session(o))
        pack.put({"include_group_register": []})
    return pack


MATRIX = {
    "portal:search": Entry(PUBLIC, query="?q=суу"),
    "portal:open_data": Entry(PUBLIC),
    "portal:open_data_zip": Entry(PUBLIC),
    "portal:annual_report_index": Entry(dict.fromkeys(PUBLIC, 302)),
    "portal:annual_report": Entry(PUBLIC, lambda o: {"year": 2021}),
    "portal:annual_report_pdf": Entry(PUBLIC, lambda o: {"year": 2021}),
    "portal:council_sessions": Entry(COUNCIL),
    "portal:council_session_create": Entry(COUNCIL),
    "portal:council_session": Entry(COUNCIL, lambda o: {"pk": council_session(o).pk}),
    "portal:council_session_edit": Entry(COUNCIL, lambda o: {"pk": council_session(o).pk}),
    "portal:council_pack_create": Entry(COUNCIL, lambda o: {"session_pk": council_session(o).pk}),
    "portal:council_pack": Entry(COUNCIL, lambda o: {"pk": council_pack(o).pk}),
    "portal:council_pack_edit": Entry(COUNCIL, lambda o: {"pk": council_pack(o).pk}),
    "portal:council_pack_pdf": Entry(COUNCIL, lambda o: {"pk": council_pack(o).pk}),
}


def first_hearing(o):
    from hearings.models import Hearing

    return {"model": "hearings.Hearing", "pk": Hearing.objects.order_by("pk").first().pk}


# The audit trail: staff only (deputies read drafts, not who edited them).
MATRIX.update({
    "portal:recent_changes": Entry(STAFF_ONLY),
    "portal:object_history": Entry(STAFF_ONLY, first_hearing),
})
