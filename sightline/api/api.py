from ninja import NinjaAPI

api = NinjaAPI(
    title="Sightline API",
    version="1",
    urls_namespace="api-v1",
    description="Record and read safeguarding events and recorded persons for your agency.",
)
