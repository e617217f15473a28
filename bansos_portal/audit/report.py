"""The audit's findings grouped the way a reader fixes them: item by item, the items with errors first."""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from .findings import ERROR, KINDS


@dataclass
class ItemReport:
    item: object
    findings: list = field(default_factory=list)

    @property
    def errors(self):
        return sum(finding.is_error for finding in self.findings)

    @property
    def kind_label(self):
        return self.item._meta.verbose_name

    @property
    def admin_url(self):
        opts = self.item._meta
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.item.pk])
        except NoReverseMatch:
            return ""


def by_item(findings):
    """[ItemReport], the items with the most errors first, each item's errors before its warnings."""
    reports = {}
    for finding in findings:
        key = (finding.item._meta.label_lower, finding.item.pk)
        reports.setdefault(key, ItemReport(finding.item)).findings.append(finding)
    for report in reports.values():
        report.findings.sort(key=lambda finding: not finding.is_error)
    return sorted(reports.values(), key=lambda report: (-report.errors, str(report.item)))


def totals(findings):
    """{"galat": n, "peringatan": n, "per kind": {title: (severity, n)}}."""
    per_kind = {}
    for finding in findings:
        severity, title = KINDS[finding.kind]
        per_kind[title] = (severity, per_kind.get(title, (severity, 0))[1] + 1)
    errors = sum(finding.severity == ERROR for finding in findings)
    return {"galat": errors, "peringatan": len(findings) - errors, "per_kind": per_kind}
