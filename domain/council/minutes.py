"""Biên bản họp Hội đồng Thi đua - Khen thưởng: the session's minutes as PDF, in the administrative layout of
Decree 30/2020/NĐ-CP (header, title, body, signatures of the secretary and the chair). Written in Vietnamese,
like every official document of the unit, whatever the reader's interface language.
"""

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, KeepTogether, Spacer, Table, TableStyle

from domain.official.render import SIDE_BY_SIDE, build_pdf, document_styles, para, vn_date

from .models import Ballot, CouncilMember, Participation
from .services.rules import session_values

ROLE_VI = {
    CouncilMember.Role.CHAIR: "Chủ tịch Hội đồng",
    CouncilMember.Role.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
    CouncilMember.Role.SECRETARY: "Ủy viên, Thư ký Hội đồng",
    CouncilMember.Role.MEMBER: "Ủy viên",
}
GRID = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]


def _name(member):
    return member.user.get_full_name() or member.user.get_username()


def _percent(value):
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _own_title(session):
    """The session's title when the secretariat gave one (the default one only repeats the number)."""
    default = f"Phiên họp Hội đồng số {session.number}"
    return "" if session.title.startswith(default) else f": {session.title}"


def _header(session, styles):
    org = session.organisation
    if session.for_initiatives:
        name = [para("HỘI ĐỒNG SÁNG KIẾN", "body_cb", styles)]
    else:  # two lines, as the unit writes it: the name is long
        name = [para("HỘI ĐỒNG THI ĐUA", "body_cb", styles), para("KHEN THƯỞNG", "body_cb", styles)]
    left = [
        para(org.name.upper(), "body_c", styles),
        *name,
        HRFlowable(width="30%", thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=4),
    ]
    right = [
        para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "small_cb", styles),
        para("Độc lập - Tự do - Hạnh phúc", "cb", styles),
        HRFlowable(width="55%", thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=4),
        para(vn_date(org.place, session.meeting_date), "ci", styles),
    ]
    table = Table([[left, right]], colWidths=[70 * mm, 95 * mm])
    table.setStyle(TableStyle(SIDE_BY_SIDE))
    return table


def _table(rows, widths, styles):
    cells = [
        [para(str(c), "cell_c" if i == 0 or r == 0 else "cell", styles) for i, c in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle(GRID))
    return table


def _attendance(session, ballots, styles):
    rows = list(session.attendance.select_related("member__user").order_by("member__pk"))
    written = set(Participation.objects.filter(ballot__in=ballots, written=True).values_list("member_id", flat=True))
    present = sum(1 for r in rows if r.present)
    numerator, denominator = session_values(session)["quorum"]
    needed = -(-len(rows) * numerator // denominator)
    regulation = session_values(session)["number"]
    story = [
        para("I. THÀNH PHẦN THAM DỰ", "cb", styles),
        para(
            f"Tổng số thành viên Hội đồng: {len(rows)}; có mặt: {present}; vắng mặt: {len(rows) - present}. "
            f"Số thành viên có mặt {'bảo đảm' if present >= needed else 'không bảo đảm'} tỷ lệ tối thiểu "
            f"{numerator}/{denominator} ({needed} thành viên) theo Quy chế thi đua, khen thưởng"
            f"{' ' + regulation if regulation else ''}.",
            "body",
            styles,
        ),
    ]
    table = [["TT", "Họ và tên", "Chức danh trong Hội đồng", "Tham dự"]]
    for i, row in enumerate(rows, 1):
        if row.present:
            status = "Có mặt"
        else:
            status = "Vắng mặt, có ý kiến bằng văn bản" if row.member_id in written else "Vắng mặt"
        table.append([i, _name(row.member), ROLE_VI.get(row.member.role, ""), status])
    return story + [_table(table, [12, 55, 55, 43], styles), Spacer(0, 3 * mm)]


def _results(ballots, styles):
    rows = [
        ["TT", "Hồ sơ, người được đề nghị", "Danh hiệu, hình thức", "Biểu quyết", "Đồng ý / Không", "Tỷ lệ", "Kết quả"]
    ]
    for i, b in enumerate(ballots, 1):
        d = b.dossier
        base = "tổng số thành viên" if b.threshold_base == "members" else "số thành viên tham gia"
        ratio = f"{_percent(b.percent or 0)}% / {b.base_count} ({base}); cần ≥ {_percent(b.threshold_percent)}%"
        result = "Đạt" if b.passed else "Không đạt"
        if b.quota_cut:
            result = "Đạt, ngoài tỷ lệ khen thưởng"
        rows.append(
            [
                i,
                f"{d.reference}: {d.nominee}",
                d.award.name_vi,
                "Bỏ phiếu kín" if b.secret else "Biểu quyết công khai",
                f"{b.approvals} / {b.rejections}",
                ratio,
                result,
            ]
        )
    return [
        para("II. KẾT QUẢ BIỂU QUYẾT, BỎ PHIẾU", "cb", styles),
        _table(rows, [10, 37, 27, 22, 19, 30, 20], styles),
        *_recusals(ballots, styles),
        Spacer(0, 3 * mm),
    ]


def _initiative_results(ballots, styles):
    rows = [["TT", "Sáng kiến", "Tác giả", "Biểu quyết", "Đồng ý / Không", "Tỷ lệ", "Kết quả"]]
    for i, b in enumerate(ballots, 1):
        item = b.initiative
        base = "tổng số thành viên" if b.threshold_base == "members" else "số thành viên tham gia"
        ratio = f"{_percent(b.percent or 0)}% / {b.base_count} ({base}); cần ≥ {_percent(b.threshold_percent)}%"
        authors = ", ".join(a.full_name for a in item.authors.all())
        kind = "Đề tài nghiên cứu khoa học: " if item.kind == "research" else ""
        rows.append(
            [
                i,
                f"{kind}{item.title} ({item.year})",
                authors,
                "Bỏ phiếu kín" if b.secret else "Biểu quyết công khai",
                f"{b.approvals} / {b.rejections}",
                ratio,
                "Công nhận" if b.passed else "Không công nhận",
            ]
        )
    return [
        para("II. KẾT QUẢ BIỂU QUYẾT, BỎ PHIẾU", "cb", styles),
        _table(rows, [10, 42, 30, 22, 19, 30, 22], styles),
        *_recusals(ballots, styles),
        Spacer(0, 3 * mm),
    ]


def _initiative_conclusion(session, ballots, styles):
    recognised = [b for b in ballots if b.passed]
    story = [para("KẾT LUẬN", "cb", styles)]
    if not recognised:
        return story + [para("Không có sáng kiến nào đạt tỷ lệ để được công nhận.", "body", styles)]
    story.append(
        para(
            f"Hội đồng sáng kiến công nhận các sáng kiến sau ở cấp cơ sở, có hiệu quả áp dụng tại "
            f"{session.organisation.name}, kể từ ngày {session.meeting_date:%d/%m/%Y}:",
            "body",
            styles,
        )
    )
    for b in recognised:
        authors = ", ".join(a.full_name for a in b.initiative.authors.all())
        story.append(para(f"- {b.initiative.title} (tác giả: {authors}).", "body", styles))
    return story


def _recusals(ballots, styles):
    """Members who did not vote on a dossier because of a conflict of interest: named, outside the count."""
    ids = {pk for b in ballots for pk in b.recused}
    if not ids:
        return []
    names = {m.pk: _name(m) for m in CouncilMember.objects.filter(pk__in=ids).select_related("user")}
    return [
        para(
            f"{'Sáng kiến' if b.initiative_id else 'Hồ sơ'} {b.label}: "
            f"{', '.join(names[pk] for pk in b.recused if pk in names)} không tham gia "
            "biểu quyết (xung đột lợi ích) và không được tính vào tổng số thành viên khi tính tỷ lệ và túc số.",
            "body",
            styles,
        )
        for b in ballots
        if b.recused
    ]


def _quotas(session, styles):
    decisions = list(session.quota_decisions.select_related("quota").prefetch_related("kept__dossier"))
    if not decisions:
        return []
    story = [para("III. TỶ LỆ KHEN THƯỞNG", "cb", styles)]
    for d in decisions:
        kept = ", ".join(f"{b.dossier.reference} ({b.dossier.nominee})" for b in d.kept.all()) or "không"
        percent = d.percent if d.percent is not None else d.quota.percent
        source = f" ({d.source})" if d.source else ""
        story += [
            para(
                f"Danh hiệu {d.quota.award_code} không vượt quá {_percent(percent)}% số cá nhân đạt "
                f"{d.quota.base_award_code} trong kỳ{source}: còn {d.cap} suất. "
                f"Xếp theo số phiếu, Hội đồng giữ lại: {kept}.",
                "body",
                styles,
            ),
            para(f"Lý do: {d.reason}", "body", styles),
        ]
    return story


def _conclusion(session, ballots, styles):
    postings = {p.dossier_id: p for p in session.postings.all()}
    selected = [b for b in ballots if b.selected]
    story = [para("KẾT LUẬN", "cb", styles)]
    if not selected:
        return story + [para("Không có hồ sơ nào đạt yêu cầu để đề nghị khen thưởng.", "body", styles)]
    story.append(
        para(
            "Hội đồng thống nhất đề nghị các hồ sơ sau; danh sách được công khai để cán bộ, viên chức "
            "có ý kiến trước khi trình Hiệu trưởng:",
            "body",
            styles,
        )
    )
    for b in selected:
        post = postings.get(b.dossier_id)
        until = f", công khai đến hết ngày {post.closes_on:%d/%m/%Y}" if post else ""
        story.append(
            para(f"- {b.dossier.nominee}: {b.dossier.award.name_vi} ({b.dossier.reference}){until}.", "body", styles)
        )
    return story


def _signatures(session, styles):
    seats = {m.role: m for m in session.council.members.select_related("user")}
    secretary = seats.get(CouncilMember.Role.SECRETARY)
    chair = seats.get(CouncilMember.Role.CHAIR)

    def block(title, member):
        return [para(title, "cb", styles), Spacer(0, 18 * mm), para(_name(member) if member else "", "cb", styles)]

    table = Table([[block("THƯ KÝ", secretary), block("CHỦ TỊCH HỘI ĐỒNG", chair)]], colWidths=[80 * mm, 85 * mm])
    table.setStyle(TableStyle(SIDE_BY_SIDE))
    return KeepTogether([Spacer(0, 6 * mm), table])


def _styles():
    """The unit's document styles, with a smaller issuing body: the council's name is long."""
    styles = dict(document_styles())
    styles["body_c"] = ParagraphStyle("body_c", parent=styles["small_c"], fontSize=11, leading=14)
    styles["body_cb"] = ParagraphStyle("body_cb", parent=styles["small_cb"], fontSize=11, leading=14)
    return styles


def minutes_pdf(session):
    """The minutes' PDF bytes (attendance, tallies, results, quota decisions, conclusion)."""
    styles = _styles()
    ballots = list(
        session.ballots.exclude(status=Ballot.Status.WITHDRAWN)
        .select_related("dossier__award", "dossier__nominee_person", "dossier__nominee_department", "initiative")
        .prefetch_related("initiative__authors")
        .order_by("position")
    )
    year = session.council.period.year
    opened = timezone.localtime(session.opened_at) if session.opened_at else None
    story = [
        _header(session, styles),
        Spacer(0, 6 * mm),
        para("BIÊN BẢN", "title", styles),
        para(
            f"Họp Hội đồng sáng kiến xét công nhận sáng kiến năm {year}"
            if session.for_initiatives
            else f"Họp Hội đồng Thi đua - Khen thưởng bình xét thi đua, khen thưởng năm {year}",
            "cb",
            styles,
        ),
        para(f"(Phiên số {session.number}{_own_title(session)})", "ci", styles),
        HRFlowable(width="25%", thickness=0.6, color=colors.black, spaceBefore=6, spaceAfter=8),
        para(
            f"Thời gian: {opened:%H giờ %M}, ngày {session.meeting_date:%d/%m/%Y}."
            if opened
            else f"Thời gian: ngày {session.meeting_date:%d/%m/%Y}.",
            "body",
            styles,
        ),
        para(f"Địa điểm: {session.place or session.organisation.name}.", "body", styles),
    ]
    story += _attendance(session, ballots, styles)
    if session.for_initiatives:
        story += _initiative_results(ballots, styles)
        story += _initiative_conclusion(session, ballots, styles)
    else:
        story += _results(ballots, styles)
        story += _quotas(session, styles)
        story += _conclusion(session, ballots, styles)
    story.append(para("Biên bản được lập xong và thông qua tại phiên họp.", "body", styles))
    story.append(_signatures(session, styles))
    council = "Hội đồng sáng kiến" if session.for_initiatives else "Hội đồng TĐKT"
    return build_pdf(story, title=f"Biên bản họp {council} năm {year}, phiên {session.number}")
