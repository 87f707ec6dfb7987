"""Every write to safeguarding records, and every audited read of them."""

from sightline.records.services.events import event_amend as event_amend
from sightline.records.services.events import event_record as event_record
from sightline.records.services.persons import recorded_person_amend as recorded_person_amend
from sightline.records.services.persons import recorded_person_create as recorded_person_create
from sightline.records.services.reads import event_list_open as event_list_open
from sightline.records.services.reads import event_open as event_open
from sightline.records.services.reads import recorded_person_find as recorded_person_find
from sightline.records.services.reads import recorded_person_open as recorded_person_open
from sightline.records.services.relationships import relationship_record as relationship_record
