"""Every labelled enum gives every member a label, in every language the app speaks."""

from flask_babel import force_locale

from webapp.enumtype import LabelledEnum


def all_labelled_enums():
    found, todo = [], list(LabelledEnum.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_member_of_every_labelled_enum_has_a_label(app):
    enums = all_labelled_enums()
    assert len(enums) >= 17
    for cls in enums:
        for member in cls:
            for code in ("sv", "en", "ar", "ti"):
                with app.test_request_context(), force_locale(code):
                    assert str(member.label).strip(), f"{cls.__name__}.{member.name} has no label in {code}"
