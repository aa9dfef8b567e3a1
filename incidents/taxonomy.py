"""The ACLED reference vocabulary, spelled exactly as in the ACLED codebook.

Event types, sub-event types, disorder types, actor types (the "inter" codes), interaction codes,
time and geo precision, and source scales. Everything that validates or maps a taxonomy value
imports it from here, so a codebook change is made in one place.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    BATTLES = "Battles", _("Battles")
    EXPLOSIONS = "Explosions/Remote violence", _("Explosions/Remote violence")
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians", _("Violence against civilians")
    PROTESTS = "Protests", _("Protests")
    RIOTS = "Riots", _("Riots")
    STRATEGIC_DEVELOPMENTS = "Strategic developments", _("Strategic developments")


class SubEventType(models.TextChoices):
    # Battles
    ARMED_CLASH = "Armed clash", _("Armed clash")
    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory", _("Government regains territory")
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = (
        "Non-state actor overtakes territory",
        _("Non-state actor overtakes territory"),
    )
    # Explosions/Remote violence
    CHEMICAL_WEAPON = "Chemical weapon", _("Chemical weapon")
    AIR_DRONE_STRIKE = "Air/drone strike", _("Air/drone strike")
    SUICIDE_BOMB = "Suicide bomb", _("Suicide bomb")
    SHELLING = "Shelling/artillery/missile attack", _("Shelling/artillery/missile attack")
    REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED", _("Remote explosive/landmine/IED")
    GRENADE = "Grenade", _("Grenade")
    # Violence against civilians
    SEXUAL_VIOLENCE = "Sexual violence", _("Sexual violence")
    ATTACK = "Attack", _("Attack")
    ABDUCTION = "Abduction/forced disappearance", _("Abduction/forced disappearance")
    # Protests
    PEACEFUL_PROTEST = "Peaceful protest", _("Peaceful protest")
    PROTEST_WITH_INTERVENTION = "Protest with intervention", _("Protest with intervention")
    EXCESSIVE_FORCE = "Excessive force against protesters", _("Excessive force against protesters")
    # Riots
    VIOLENT_DEMONSTRATION = "Violent demonstration", _("Violent demonstration")
    MOB_VIOLENCE = "Mob violence", _("Mob violence")
    # Strategic developments
    AGREEMENT = "Agreement", _("Agreement")
    ARRESTS = "Arrests", _("Arrests")
    CHANGE_TO_GROUP = "Change to group/activity", _("Change to group/activity")
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use", _("Disrupted weapons use")
    HEADQUARTERS_ESTABLISHED = "Headquarters or base established", _("Headquarters or base established")
    LOOTING = "Looting/property destruction", _("Looting/property destruction")
    NON_VIOLENT_TRANSFER = "Non-violent transfer of territory", _("Non-violent transfer of territory")
    OTHER = "Other", _("Other")


S = SubEventType
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    EventType.BATTLES: (S.ARMED_CLASH, S.GOVERNMENT_REGAINS_TERRITORY, S.NON_STATE_ACTOR_OVERTAKES_TERRITORY),
    EventType.EXPLOSIONS: (
        S.CHEMICAL_WEAPON,
        S.AIR_DRONE_STRIKE,
        S.SUICIDE_BOMB,
        S.SHELLING,
        S.REMOTE_EXPLOSIVE,
        S.GRENADE,
    ),
    EventType.VIOLENCE_AGAINST_CIVILIANS: (S.SEXUAL_VIOLENCE, S.ATTACK, S.ABDUCTION),
    EventType.PROTESTS: (S.PEACEFUL_PROTEST, S.PROTEST_WITH_INTERVENTION, S.EXCESSIVE_FORCE),
    EventType.RIOTS: (S.VIOLENT_DEMONSTRATION, S.MOB_VIOLENCE),
    EventType.STRATEGIC_DEVELOPMENTS: (
        S.AGREEMENT,
        S.ARRESTS,
        S.CHANGE_TO_GROUP,
        S.DISRUPTED_WEAPONS_USE,
        S.HEADQUARTERS_ESTABLISHED,
        S.LOOTING,
        S.NON_VIOLENT_TRANSFER,
        S.OTHER,
    ),
}
EVENT_TYPE_OF: dict[str, str] = {sub: event for event, subs in SUB_EVENT_TYPES.items() for sub in subs}


class DisorderType(models.TextChoices):
    POLITICAL_VIOLENCE = "Political violence", _("Political violence")
    DEMONSTRATIONS = "Demonstrations", _("Demonstrations")
    BOTH = "Political violence; Demonstrations", _("Political violence; Demonstrations")
    STRATEGIC_DEVELOPMENTS = "Strategic developments", _("Strategic developments")


def disorder_type_for(sub_event_type: str) -> str:
    """The ACLED disorder type that a sub-event type falls under."""
    event_type = EVENT_TYPE_OF[sub_event_type]
    if event_type == EventType.STRATEGIC_DEVELOPMENTS:
        return DisorderType.STRATEGIC_DEVELOPMENTS
    # The codebook counts excessive force and mob violence as both: a demonstration met with,
    # or turning into, political violence.
    if sub_event_type in (S.EXCESSIVE_FORCE, S.MOB_VIOLENCE):
        return DisorderType.BOTH
    if event_type in (EventType.PROTESTS, EventType.RIOTS):
        return DisorderType.DEMONSTRATIONS
    return DisorderType.POLITICAL_VIOLENCE


class ActorType(models.IntegerChoices):
    """ACLED's "inter" codes."""

    STATE_FORCES = 1, _("State forces")
    REBEL_GROUP = 2, _("Rebel group")
    POLITICAL_MILITIA = 3, _("Political militia")
    IDENTITY_MILITIA = 4, _("Identity militia")
    RIOTERS = 5, _("Rioters")
    PROTESTERS = 6, _("Protesters")
    CIVILIANS = 7, _("Civilians")
    EXTERNAL_OTHER = 8, _("External/Other forces")


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the smaller inter code first (10 for a sole actor of type 1)."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


class TimePrecision(models.IntegerChoices):
    DAY = 1, _("Exact day")
    WEEK = 2, _("Within a week or a few days")
    MONTH = 3, _("Month or longer span")


class GeoPrecision(models.IntegerChoices):
    PLACE = 1, _("The named place")
    NEAR = 2, _("Near a place, or a district or part of a region")
    REGION = 3, _("Only a region or province")


class SourceScale(models.TextChoices):
    LOCAL = "Local", _("Local")
    SUBNATIONAL = "Subnational", _("Subnational")
    NATIONAL = "National", _("National")
    REGIONAL = "Regional", _("Regional")
    INTERNATIONAL = "International", _("International")
    NEW_MEDIA = "New media", _("New media")
    OTHER = "Other", _("Other")
