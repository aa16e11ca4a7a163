"""The JSON API, `/api/v1/`: each domain contributes a router from its own `api.py`."""

from ninja import NinjaAPI

from openadmit.applications.api import router as applications_router
from openadmit.catalogue.api import router as catalogue_router
from openadmit.office.api import router as office_router
from openadmit.selfcheck.api import router as selfcheck_router

api = NinjaAPI(
    title="OpenAdmit API",
    version="1",
    description="Programmes, eligibility verdicts and applications of an OpenAdmit installation.",
    urls_namespace="api",
)
api.add_router("/applications/", applications_router)
api.add_router("/", catalogue_router)
api.add_router("/", selfcheck_router)
api.add_router("/office/", office_router)
