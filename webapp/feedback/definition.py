"""A feedback template as data: its shape, its texts in four languages, and its checks.

    {"title": {"sv": .., "en": .., "ar": .., "ti": ..},
     "scale": [{"value": 1, "label": {four languages}}, ...],          # every level labelled
     "groups": [{"key": "work", "title": {..}, "items": [{"key": "pace", "label": {..}}]}],
     "questions": [{"key": "went_well", "label": {..}}]}               # free text

The texts live here, not in the gettext catalogue: programme admins edit them."""

import re

from flask_babel import gettext as _
from flask_babel import ngettext

from ..i18n import LANGUAGES

LANGUAGE_CODES = tuple(LANGUAGES)  # sv, en, ar, ti
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_TITLE = 200
MAX_LEVEL_LABEL = 40
MAX_LABEL = 200
MIN_LEVELS, MAX_LEVELS = 2, 7
MAX_ITEMS = 60


def text(translations: dict, language: str) -> str:
    """A text in the reader's language; Swedish, then English, if that one is missing."""
    for code in (language, "sv", "en"):
        if translations.get(code):
            return translations[code]
    return next(iter(translations.values()), "")


def items(definition: dict) -> list[dict]:
    return [item for group in definition["groups"] for item in group["items"]]


def item_keys(definition: dict) -> list[str]:
    return [item["key"] for item in items(definition)]


def level_values(definition: dict) -> list[int]:
    return [level["value"] for level in definition["scale"]]


def level_label(definition: dict, value, language: str) -> str:
    for level in definition["scale"]:
        if level["value"] == value:
            return text(level["label"], language)
    return ""


def question_keys(definition: dict) -> list[str]:
    return [q["key"] for q in definition.get("questions", [])]


def problems(definition) -> list[str]:
    """Everything wrong with a definition, in words an admin can act on (empty: it is good)."""
    found: list[str] = []
    if not isinstance(definition, dict):
        return [_("The template must be one JSON object, written between { and }.")]

    def translations(value, path, limit):
        if not isinstance(value, dict):
            found.append(
                _(
                    "%(path)s: write the text in every language: %(languages)s.",
                    path=path,
                    languages=", ".join(LANGUAGE_CODES),
                )
            )
            return
        for code in LANGUAGE_CODES:
            words = value.get(code)
            if not isinstance(words, str) or not words.strip():
                found.append(_("%(path)s: the text in %(language)s is missing.", path=path, language=code))
            elif len(words) > limit:
                found.append(
                    ngettext(
                        "%(path)s: the text in %(language)s is longer than %(num)d character.",
                        "%(path)s: the text in %(language)s is longer than %(num)d characters.",
                        limit,
                        path=path,
                        language=code,
                    )
                )

    def key(value, path, seen):
        if not isinstance(value, str) or not KEY.match(value):
            found.append(
                _('%(path)s: a key is written with small letters a-z, digits and _, like "comes_on_time".', path=path)
            )
        elif value in seen:
            found.append(_('%(path)s: the key "%(key)s" is used twice.', path=path, key=value))
        else:
            seen.add(value)

    def key_and_label(entry, path, seen) -> bool:
        """An item or a question: its key and its label checked; False if it is not a mapping."""
        if not isinstance(entry, dict):
            return False
        key(entry.get("key"), f"{path}.key", seen)
        translations(entry.get("label"), f"{path}.label", MAX_LABEL)
        return True

    translations(definition.get("title"), "title", MAX_TITLE)
    scale = definition.get("scale")
    if not isinstance(scale, list) or not MIN_LEVELS <= len(scale) <= MAX_LEVELS:
        found.append(
            ngettext(
                "scale: a scale has from %(low)d to %(num)d level.",
                "scale: a scale has from %(low)d to %(num)d levels.",
                MAX_LEVELS,
                low=MIN_LEVELS,
            )
        )
    else:
        values = set()
        for n, level in enumerate(scale, 1):
            path = f"scale[{n}]"
            if not isinstance(level, dict):
                found.append(_("%(path)s: each level has a value and a label.", path=path))
                continue
            value = level.get("value")
            if not isinstance(value, int) or isinstance(value, bool) or value in values:
                found.append(_("%(path)s: each level has its own whole number as value.", path=path))
            else:
                values.add(value)
            translations(level.get("label"), f"{path}.label", MAX_LEVEL_LABEL)
    groups = definition.get("groups")
    seen_items: set[str] = set()
    if not isinstance(groups, list) or not groups:
        found.append(_("groups: a template has at least one group with items."))
    else:
        for g, group in enumerate(groups, 1):
            path = f"groups[{g}]"
            if not isinstance(group, dict):
                found.append(_("%(path)s: each group has a key, a title and items.", path=path))
                continue
            key(group.get("key"), f"{path}.key", set())
            translations(group.get("title"), f"{path}.title", MAX_LABEL)
            group_items = group.get("items")
            if not isinstance(group_items, list) or not group_items:
                found.append(_("%(path)s: each group has at least one item.", path=path))
                continue
            for i, item in enumerate(group_items, 1):
                item_path = f"{path}.items[{i}]"
                if not key_and_label(item, item_path, seen_items):
                    found.append(_("%(path)s: each item has a key and a label.", path=item_path))
        if len(seen_items) > MAX_ITEMS:
            found.append(
                ngettext(
                    "groups: a template has at most %(num)d item.",
                    "groups: a template has at most %(num)d items.",
                    MAX_ITEMS,
                )
            )
    questions = definition.get("questions", [])
    if not isinstance(questions, list):
        found.append(_("questions: write the questions as a list, between [ and ]."))
    else:
        seen_questions: set[str] = set()
        for q, question in enumerate(questions, 1):
            path = f"questions[{q}]"
            if not key_and_label(question, path, seen_questions):
                found.append(_("%(path)s: each question has a key and a label.", path=path))
    return found


def _t(sv, en, ar, ti):
    return {"sv": sv, "en": en, "ar": ar, "ti": ti}


DEFAULT_KEY = "work_performance"
DEFAULT_DEFINITION = {
    "title": _t("Arbetsprestation", "Work performance", "الأداء في العمل", "ኣፈጻጽማ ስራሕ"),
    "scale": [
        {"value": 1, "label": _t("Inte än", "Not yet", "ليس بعد", "ገና")},
        {"value": 2, "label": _t("Ibland", "Sometimes", "أحياناً", "ሓደ ሓደ ግዜ")},
        {"value": 3, "label": _t("Oftast", "Mostly", "غالباً", "መብዛሕትኡ ግዜ")},
        {"value": 4, "label": _t("Alltid", "Always", "دائماً", "ኩሉ ግዜ")},
    ],
    "groups": [
        {
            "key": "reliability",
            "title": _t("Pålitlighet", "Reliability", "الالتزام", "እሙንነት"),
            "items": [
                {"key": "on_time", "label": _t("Kommer i tid", "Comes on time", "يأتي في الوقت المحدد", "ብሰዓቱ ይመጽእ")},
                {
                    "key": "gives_notice",
                    "label": _t(
                        "Meddelar i tid vid frånvaro",
                        "Tells us in time when absent",
                        "يُبلغ مسبقاً عند الغياب",
                        "ኣብ ዘይመጽኣሉ ግዜ ኣቐዲሙ ይሕብር",
                    ),
                },
            ],
        },
        {
            "key": "work",
            "title": _t("Arbetet", "The work", "العمل", "ስራሕ"),
            "items": [
                {
                    "key": "follows_instructions",
                    "label": _t("Följer instruktioner", "Follows instructions", "يتبع التعليمات", "መምርሒታት ይኽተል"),
                },
                {
                    "key": "pace",
                    "label": _t("Håller ett bra tempo", "Keeps a good pace", "يعمل بسرعة مناسبة", "ብግቡእ ቅልጣፈ ይሰርሕ"),
                },
                {
                    "key": "quality",
                    "label": _t("Gör ett noggrant arbete", "Does careful work", "يعمل بدقة وعناية", "ብጥንቃቐ ይሰርሕ"),
                },
                {"key": "safety", "label": _t("Arbetar säkert", "Works safely", "يعمل بأمان", "ብውሑስ መንገዲ ይሰርሕ")},
                {
                    "key": "independence",
                    "label": _t("Arbetar självständigt", "Works on their own", "يعمل باستقلالية", "ብዘይ ሓገዝ ይሰርሕ"),
                },
            ],
        },
        {
            "key": "people",
            "title": _t("Samarbete", "Working with others", "العمل مع الآخرين", "ምስ ካልኦት ምስራሕ"),
            "items": [
                {
                    "key": "cooperation",
                    "label": _t(
                        "Samarbetar bra med andra",
                        "Works well with others",
                        "يتعاون جيداً مع الآخرين",
                        "ምስ ካልኦት ጽቡቕ ይተሓባበር",
                    ),
                },
                {
                    "key": "asks_for_help",
                    "label": _t(
                        "Ber om hjälp när det behövs",
                        "Asks for help when needed",
                        "يطلب المساعدة عند الحاجة",
                        "ኣብ ዘድልዮ ግዜ ሓገዝ ይሓትት",
                    ),
                },
                {
                    "key": "communication",
                    "label": _t(
                        "Pratar med andra på arbetsplatsen",
                        "Talks with others at work",
                        "يتواصل مع الآخرين في العمل",
                        "ኣብ ስራሕ ምስ ካልኦት ይዘራረብ",
                    ),
                },
            ],
        },
        {
            "key": "language",
            "title": _t("Språk", "Language", "اللغة", "ቋንቋ"),
            "items": [
                {
                    "key": "spoken_instructions",
                    "label": _t(
                        "Förstår muntliga instruktioner på svenska",
                        "Understands spoken instructions in Swedish",
                        "يفهم التعليمات الشفهية باللغة السويدية",
                        "ብዘረባ ዝወሃብ መምርሒ ብቋንቋ ሽወደን ይርዳእ",
                    ),
                },
                {
                    "key": "speaks_swedish",
                    "label": _t(
                        "Gör sig förstådd på svenska i arbetet",
                        "Makes themself understood in Swedish at work",
                        "يوصل كلامه باللغة السويدية في العمل",
                        "ኣብ ስራሕ ብቋንቋ ሽወደን ሓሳቡ የረድእ",
                    ),
                },
            ],
        },
    ],
    "questions": [
        {"key": "went_well", "label": _t("Vad gick bra?", "What went well?", "ما الذي سار بشكل جيد؟", "እንታይ ጽቡቕ ከይዱ?")},
        {
            "key": "next_step",
            "label": _t(
                "Vad är nästa steg?", "What is the next step?", "ما هي الخطوة التالية؟", "እቲ ዝቕጽል ስጉምቲ እንታይ እዩ?"
            ),
        },
    ],
}
