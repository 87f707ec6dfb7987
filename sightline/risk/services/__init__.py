"""Every write of the risk app: evaluating the rules into signals, and responding to them."""

from sightline.risk.services.evaluating import risk_evaluate_child as risk_evaluate_child
from sightline.risk.services.evaluating import risk_evaluate_children as risk_evaluate_children
from sightline.risk.services.evaluating import risk_evaluate_groups as risk_evaluate_groups
from sightline.risk.services.evaluating import (
    risk_evaluate_open_cases as risk_evaluate_open_cases,
)
from sightline.risk.services.responding import SignalPage as SignalPage
from sightline.risk.services.responding import signal_open as signal_open
from sightline.risk.services.responding import signal_respond as signal_respond
