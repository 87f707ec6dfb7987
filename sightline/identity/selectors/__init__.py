"""Reads of persons, links and decisions.

What a viewer sees of a recorded person through a link is decided by identity.policy: the
details of their own agencies' records, the holding agency of another agency's record, and
nothing at all of another agency's confidential or shielded record. A pair or person the
viewer may not see raises NotFound, exactly as a missing one does.
"""

from sightline.identity.selectors.joined import person_joined_get as person_joined_get
from sightline.identity.selectors.maps import Pair as Pair
from sightline.identity.selectors.maps import decision_latest_map as decision_latest_map
from sightline.identity.selectors.maps import linked_edge_map as linked_edge_map
from sightline.identity.selectors.maps import linked_records_map as linked_records_map
from sightline.identity.selectors.maps import membership_current_map as membership_current_map
from sightline.identity.selectors.maps import ordered as ordered
from sightline.identity.selectors.maps import other_holders_map as other_holders_map
from sightline.identity.selectors.maps import person_members_map as person_members_map
from sightline.identity.selectors.maps import record_access_map as record_access_map
from sightline.identity.selectors.maps import same_person_ids as same_person_ids
from sightline.identity.selectors.persons import person_get as person_get
from sightline.identity.selectors.persons import (
    person_id_for_recorded_person as person_id_for_recorded_person,
)
from sightline.identity.selectors.persons import record_sides_known as record_sides_known
from sightline.identity.selectors.review import pair_access_get as pair_access_get
from sightline.identity.selectors.review import review_pair_get as review_pair_get
from sightline.identity.selectors.review import review_queue_count as review_queue_count
from sightline.identity.selectors.review import review_queue_list as review_queue_list
from sightline.identity.selectors.runs import linkage_model_get as linkage_model_get
from sightline.identity.selectors.runs import linkage_model_latest as linkage_model_latest
