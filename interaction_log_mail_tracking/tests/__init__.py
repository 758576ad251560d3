from . import test_tracking_delivery_status
