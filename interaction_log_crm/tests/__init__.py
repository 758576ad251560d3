from . import test_opportunity_link
