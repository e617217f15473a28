"""Keeping pages true to their figures: a figure, a figure it is computed from, or the program row it reads
changes, and every item citing it is rendered again."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from programs.models import BenefitComponent, Budget

from . import program_rows
from .citing import rerender
from .models import Figure, FigureOperand


def names_depending_on(figures):
    """The names of `figures` and of every figure computed from them, however indirectly."""
    names, todo = set(), list(figures)
    while todo:
        figure = todo.pop()
        if figure.name in names:
            continue
        names.add(figure.name)
        todo.extend(Figure.objects.filter(operand_rows__operand=figure))
    return names


@receiver([post_save, post_delete], sender=Figure, dispatch_uid="figures-figure-changed")
def figure_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        rerender(names_depending_on([instance]))


@receiver([post_save, post_delete], sender=FigureOperand, dispatch_uid="figures-operand-changed")
def operand_changed(sender, instance, raw=False, **kwargs):
    figure = Figure.objects.filter(pk=instance.figure_id).first()
    if not raw and figure:
        rerender(names_depending_on([figure]))


@receiver(post_save, sender=BenefitComponent, dispatch_uid="figures-component-saved")
def component_saved(sender, instance, raw=False, **kwargs):
    if raw or program_rows.is_draft_copy(instance.program):
        return
    rerender(names_depending_on([program_rows.ensure_component_figure(instance)]))


@receiver(post_save, sender=Budget, dispatch_uid="figures-budget-saved")
def budget_saved(sender, instance, raw=False, **kwargs):
    if raw or program_rows.is_draft_copy(instance.program):
        return
    rerender(names_depending_on(program_rows.ensure_budget_figures(instance)))
