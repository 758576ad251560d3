from . import test_stock_print_logging
