"""Keeping pages true to their figures: a figure, a figure it is computed from, or the program row it reads
changes, and every item citing it is rendered again."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from bansos_portal.rich_text import MarkdownModel
from programs.models import BenefitComponent, Budget

from . import program_rows
from .citing import deferred_rerender, item_rendered, rerender
from .models import Figure, FigureOperand


@receiver([post_save, post_delete], sender=Figure, dispatch_uid="figures-figure-changed")
def figure_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        rerender([instance.name])


@receiver([post_save, post_delete], sender=FigureOperand, dispatch_uid="figures-operand-changed")
def operand_changed(sender, instance, raw=False, **kwargs):
    figure = Figure.objects.filter(pk=instance.figure_id).first()
    if not raw and figure:
        rerender([figure.name])


@receiver(post_save, sender=BenefitComponent, dispatch_uid="figures-component-saved")
def component_saved(sender, instance, raw=False, **kwargs):
    if raw or program_rows.is_draft_copy(instance.program):
        return
    # Making or adopting the row's figure saves it too: the items citing it are rendered once, at the end.
    with deferred_rerender():
        rerender([program_rows.ensure_component_figure(instance).name])


@receiver(post_save, sender=Budget, dispatch_uid="figures-budget-saved")
def budget_saved(sender, instance, raw=False, **kwargs):
    if raw or program_rows.is_draft_copy(instance.program):
        return
    with deferred_rerender():  # as for a component: one rendering for all of the row's figures
        rerender([figure.name for figure in program_rows.ensure_budget_figures(instance)])


@receiver(pre_save, dispatch_uid="figures-item-rendered")
def markdown_item_saving(sender, instance, raw=False, **kwargs):
    # MarkdownModel.save has rendered the HTML by now: a figure change after this point outdates it.
    if not raw and isinstance(instance, MarkdownModel):
        item_rendered(instance)
