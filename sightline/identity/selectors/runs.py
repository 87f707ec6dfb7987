"""Trained linkage models, kept as versioned data (no personal content)."""

from sightline.core.exceptions import NotFound
from sightline.identity.data import LinkageModelView
from sightline.identity.models import LinkageModel


def linkage_model_latest() -> LinkageModelView | None:
    """The most recently trained model (no personal data)."""
    row = LinkageModel.objects.order_by("-trained_at", "-recorded_at").first()
    return _model_view(row) if row else None


def linkage_model_get(*, version: str) -> LinkageModelView:
    row = LinkageModel.objects.filter(version=version).first()
    if row is None:
        raise NotFound(f"There is no linkage model with the version {version!r}.")
    return _model_view(row)


def _model_view(row: LinkageModel) -> LinkageModelView:
    return LinkageModelView(
        id=row.id,
        version=row.version,
        parameters=dict(row.parameters),
        trained_at=row.trained_at,
        summary=dict(row.summary),
    )
