"""Driving the browser: the keyboard alone (Tab, type, press), and waiting for new pages."""

from collections.abc import Callable

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

MOST_TABS = 400


def press(driver: WebDriver, *keys: str) -> None:
    ActionChains(driver).send_keys(*keys).perform()


def press_to_leave(driver: WebDriver, *keys: str) -> None:
    """Press keys that load another page (follow a link, submit a form), and wait for it."""
    leave(driver, lambda: press(driver, *keys))


def leave(driver: WebDriver, action: Callable[[], object]) -> None:
    """Do something that loads another page, and wait until the new page has loaded."""
    driver.execute_script("window.slLeaving = true")
    action()
    # The marker is gone once a new document has replaced this one.
    WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return !window.slLeaving && document.readyState === 'complete'")
    )


def tab_to(driver: WebDriver, selector: str) -> None:
    """Press Tab until the element matching the CSS selector has focus."""
    for _ in range(MOST_TABS):
        if driver.execute_script("return document.activeElement.matches(arguments[0])", selector):
            return
        press(driver, Keys.TAB)
    raise AssertionError(f"Tab never reached {selector}")


def focused(driver: WebDriver, attribute: str) -> str:
    value = driver.execute_script(
        "return document.activeElement.getAttribute(arguments[0]) || ''", attribute
    )
    return str(value)
