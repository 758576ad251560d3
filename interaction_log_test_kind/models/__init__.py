from . import interaction_test_certificate
