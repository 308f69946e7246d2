"""A self-contained HTML dashboard over the warehouse (``communique dashboard``)."""
