"""Every write to persons, links and decisions, and every audited read of them."""

from sightline.identity.services.decisions import link_confirm as link_confirm
from sightline.identity.services.decisions import link_decide as link_decide
from sightline.identity.services.decisions import link_reject as link_reject
from sightline.identity.services.decisions import person_split as person_split
from sightline.identity.services.decisions import person_unlink as person_unlink
from sightline.identity.services.joined import joined_person_split as joined_person_split
from sightline.identity.services.joined import joined_record_unlink as joined_record_unlink
from sightline.identity.services.joined import person_joined_open as person_joined_open
from sightline.identity.services.linking import store_link as store_link
from sightline.identity.services.reads import review_pair_open as review_pair_open
from sightline.identity.services.reads import review_queue_open as review_queue_open
from sightline.identity.services.runs import linkage_model_record as linkage_model_record
from sightline.identity.services.runs import linkage_run_apply as linkage_run_apply
