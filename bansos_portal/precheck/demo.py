"""The demo rules and example households (demo_rules.json), loaded as published content."""

import json
from pathlib import Path

from django.db import transaction

from bansos_portal.publishing import Status
from programs.models import Program

from .models import ExampleHousehold, ProgramRule

DEMO_RULES = Path(__file__).with_name("demo_rules.json")


@transaction.atomic
def load_demo(path=DEMO_RULES):
    """Create or update each rule (published) and example; returns (rules loaded, programs missing, examples)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    loaded, missing = 0, []
    for entry in data["rules"]:
        fields = dict(entry)
        program = Program.objects.filter(slug=fields.pop("program"), proposal_for__isnull=True).first()
        if program is None:
            missing.append(entry["program"])
            continue
        rule, _ = ProgramRule.objects.update_or_create(
            slug=fields.pop("slug"), defaults={**fields, "program": program, "status": Status.PUBLISHED}
        )
        rule.full_clean()
        loaded += 1
    for entry in data["examples"]:
        ExampleHousehold.objects.update_or_create(name=entry["name"], defaults=entry)
    return loaded, missing, len(data["examples"])
