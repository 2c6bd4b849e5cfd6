"""Analytic prefill of sale order lines without one query per line when there is nothing to find.

Odoo prefills ``analytic_distribution`` of every new line from the analytic distribution models
(``_get_distribution``: a search per line). A database without any such model gets ``{}`` for
every line, and a profile of a Cartona order import (Odoo 17.0) spent a large share of its time
in those searches. One query per batch of lines tells whether any model exists; when none does,
each line's lookup answers ``{}`` (what Odoo's search would find) without a query. Other modules' overrides of the compute (e.g. ``sale_project``) still run.
"""
from odoo import api, models

NO_MODELS = "marketplace_no_distribution_models"


class SaleOrderLineAnalyticPrefill(models.Model):
    _inherit = "sale.order.line"

    def _compute_analytic_distribution(self):
        if self.env["account.analytic.distribution.model"].sudo().search([], limit=1):
            return super()._compute_analytic_distribution()
        return super(
            SaleOrderLineAnalyticPrefill, self.with_context(**{NO_MODELS: True})
        )._compute_analytic_distribution()


class AnalyticDistributionModelPrefill(models.Model):
    _inherit = "account.analytic.distribution.model"

    @api.model
    def _get_distribution(self, vals):
        if self.env.context.get(NO_MODELS):
            return {}
        return super()._get_distribution(vals)
