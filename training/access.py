"""Who may see facilitator notes and the facilitator guide: signed-in trainers and staff.

That is superusers, members of the "Formadores" or "Coordinación" groups, and directory
staff (members of a listed institution) who passed the two-factor step in this session
(``directory.access.sees_staff_details``). Anonymous visitors never do.
"""

from directory.access import sees_staff_details

TRAINERS_GROUP = "Formadores"
COORDINATION_GROUP = "Coordinación"
NOTES_GROUPS = (TRAINERS_GROUP, COORDINATION_GROUP)


def can_see_facilitator_notes(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_ruta_can_see_facilitator_notes", None)
    if cached is None:
        cached = user.groups.filter(name__in=NOTES_GROUPS).exists() or sees_staff_details(user)
        user._ruta_can_see_facilitator_notes = cached
    return cached
