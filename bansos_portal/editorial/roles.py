"""The Humas roles (Penulis, Penyunting, Administrator) and the regional offices' Operator Daerah, with
their permissions, in one place.

Used by the data migration (with historical models) and by `create_demo_account`; it takes the
Group and Permission models as arguments so it never depends on the current model code.
"""

CONTENT = {
    "programs": ["program", "benefitcomponent", "budget", "programsource", "sharedstep"],
    "faq": ["category", "question", "clarification", "clarificationsource"],
    # The pre-check's rules and the example households that guard them.
    "precheck": ["programrule", "examplehousehold"],
    # Regional offices and the source of each detail.
    "directory": ["office", "officedetailsource"],
    # The ministry's official accounts: a writer adds and corrects hidden ones; showing one needs publish.
    "trust": ["officialaccount"],
    # The glossary: a writer drafts and corrects terms; publishing one needs publish_term.
    "glossary": ["term", "termsource"],
    # Figures cited in text: a writer adds and proposes; only a Penyunting puts one or its change in force.
    "figures": ["figure", "figureoperand"],
}
# Rows inside an item's form (components, sources) can be removed by a writer;
# whole items are deleted only by a Penyunting, and published ones not at all (archive first).
INLINE_MODELS = {
    "benefitcomponent",
    "programsource",
    "clarificationsource",
    "officedetailsource",
    "termsource",
    "figureoperand",
}
# Budget figures and FAQ categories have no draft of their own: a save is public at once. A Penulis
# only reads them here; a program's budget rows follow the program instead (content_admin.BudgetInline),
# so a writer still edits them inside a draft program's form.
EDITOR_ONLY = {"budget", "category", "sharedstep"}
PUBLISH = [
    "publish_program",
    "publish_question",
    "publish_clarification",
    "publish_programrule",
    "publish_office",
    "publish_officialaccount",
    "publish_term",
    "publish_figure",
]
# What a Penyunting keeps beside the content: the regions, who operates which, and the link report.
EDITOR_EXTRA = {
    "directory": ["region", "regionalias", "operatorregion", "linkcheck"],
    # The content audit's lists: which source hosts count, and which phrases are guesses.
    "audit": ["sourcedomain", "speculativephrase"],
}
ADMIN_APPS = [
    "programs",
    "faq",
    "editorial",
    "links",
    "bansos_portal",
    "auth",
    "precheck",
    "directory",
    "feedback",
    "trust",
    "glossary",
    "audit",
    "figures",
]
OPERATOR = "Operator Daerah"
# An operator proposes changes to their own regions' offices (the admin limits which); a Penyunting publishes.
OPERATOR_PERMISSIONS = {"office": ["view", "add", "change"], "officedetailsource": ["view", "add", "change", "delete"]}
ROLES = ["Penulis", "Penyunting", "Administrator", OPERATOR]


def _perms(Permission, app, model, actions):
    return Permission.objects.filter(
        content_type__app_label=app,
        content_type__model=model,
        codename__in=[f"{action}_{model}" for action in actions],
    )


def _writer_actions(model):
    if model in EDITOR_ONLY:
        return ["view"]
    return ["view", "add", "change"] + (["delete"] if model in INLINE_MODELS else [])


def role_permissions(Permission):
    writer, editor = set(), set()
    for app, models in CONTENT.items():
        for model in models:
            writer.update(_perms(Permission, app, model, _writer_actions(model)))
            editor.update(_perms(Permission, app, model, ["view", "add", "change", "delete"]))
    for app, models in EDITOR_EXTRA.items():
        for model in models:
            editor.update(_perms(Permission, app, model, ["view", "add", "change", "delete"]))
    editor.update(Permission.objects.filter(codename__in=PUBLISH))
    editor.update(_perms(Permission, "editorial", "transition", ["view"]))
    editor.update(_perms(Permission, "editorial", "changenote", ["view", "add", "change", "delete"]))
    # Short links go on printed leaflets and banners: a Penyunting decides where they point.
    editor.update(_perms(Permission, "links", "shortlink", ["view", "add", "change", "delete"]))
    administrator = set(Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))
    operator = {
        permission
        for model, actions in OPERATOR_PERMISSIONS.items()
        for permission in _perms(Permission, "directory", model, actions)
    }
    return {"Penulis": writer, "Penyunting": editor, "Administrator": administrator, OPERATOR: operator}


def ensure_roles(Group, Permission):
    """Create the groups (or bring their permissions up to date); returns them by name."""
    groups = {}
    for name, permissions in role_permissions(Permission).items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
        groups[name] = group
    return groups
