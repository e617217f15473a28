"""The three Humas roles and their permissions, in one place.

Used by the data migration (with historical models) and by `create_demo_account`; it takes the
Group and Permission models as arguments so it never depends on the current model code.
"""

CONTENT = {
    "programs": ["program", "benefitcomponent", "budget", "programsource"],
    "faq": ["category", "question", "clarification", "clarificationsource"],
}
# Rows inside an item's form (components, budgets, sources) can be removed by a writer;
# whole items are deleted only by a Penyunting, and published ones not at all (archive first).
INLINE_MODELS = {"benefitcomponent", "budget", "programsource", "clarificationsource"}
PUBLISH = ["publish_program", "publish_question", "publish_clarification"]
ADMIN_APPS = ["programs", "faq", "editorial", "links", "bansos_portal", "auth"]
ROLES = ["Penulis", "Penyunting", "Administrator"]


def _perms(Permission, app, model, actions):
    return Permission.objects.filter(
        content_type__app_label=app,
        content_type__model=model,
        codename__in=[f"{action}_{model}" for action in actions],
    )


def role_permissions(Permission):
    writer = set()
    for app, models in CONTENT.items():
        for model in models:
            actions = ["view", "add", "change"] + (["delete"] if model in INLINE_MODELS else [])
            writer.update(_perms(Permission, app, model, actions))
    editor = set(writer)
    for app, models in CONTENT.items():
        for model in models:
            editor.update(_perms(Permission, app, model, ["delete"]))
    editor.update(Permission.objects.filter(codename__in=PUBLISH))
    editor.update(_perms(Permission, "editorial", "transition", ["view"]))
    editor.update(_perms(Permission, "editorial", "changenote", ["view", "add", "change", "delete"]))
    # Short links go on printed leaflets and banners: a Penyunting decides where they point.
    editor.update(_perms(Permission, "links", "shortlink", ["view", "add", "change", "delete"]))
    administrator = set(Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))
    return {"Penulis": writer, "Penyunting": editor, "Administrator": administrator}


def ensure_roles(Group, Permission):
    """Create the groups (or bring their permissions up to date); returns them by name."""
    groups = {}
    for name, permissions in role_permissions(Permission).items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
        groups[name] = group
    return groups
