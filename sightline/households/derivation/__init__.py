"""Households derived from where people live and whom they are said to live with. Pure.

A *person* here is an identity person, or a recorded person that is part of no person (it then
stands for itself). All of a person's records are in the same household, or in none.

derive() groups persons (docs/households.md):

- A person's home is their latest current address, by start date, across all their records: a
  current address has started (or gives no start) and has not ended by the day of derivation. Two
  persons whose homes have the same postcode and first line, in the linkage normalisers' forms,
  live together. The latest address wins so that an agency still holding an old address does not
  keep someone in a home they have left.
- Two persons live together when an agency recorded a current relationship between them that says
  so (`lives_with`). A parent or partner recorded as not living with the child is not household.
- Living together is transitive: a household is a group of persons tied, directly or through one
  another, by those two kinds of tie.
- Protected information ties nobody: an address marked confidential or shielded (a refuge, say),
  and every address and relationship of a record so marked. A person whose latest address is
  protected, or who has died, is part of no household at all: placing them at an older address
  would put a woman who fled to a refuge back, for every agency to see, in the home she fled.
  Of a protected address only its start date is looked at, never what it says.
- A person's role comes from their unprotected records' dates of birth (a partial date counts at
  its latest possible day): adult from their 18th birthday, child before, and unknown when no
  record gives a date or the records disagree, so nobody is quietly counted as a child.

plan() turns the groups into membership changes against the memberships stored: each group keeps
the household most of its persons are already in (each household going to one group at most); a
group of two or more without one forms a new household; a person left on their own keeps the
household they are in, but never forms one.
"""

from sightline.households.derivation.changes import Change as Change
from sightline.households.derivation.changes import Current as Current
from sightline.households.derivation.changes import Plan as Plan
from sightline.households.derivation.changes import plan as plan
from sightline.households.derivation.groups import Derivation as Derivation
from sightline.households.derivation.groups import Member as Member
from sightline.households.derivation.groups import derive as derive
from sightline.households.derivation.persons import Home as Home
from sightline.households.derivation.persons import address_key as address_key
from sightline.households.derivation.persons import eighteenth_birthday as eighteenth_birthday
from sightline.households.derivation.persons import home_of as home_of
from sightline.households.derivation.persons import role_of as role_of
