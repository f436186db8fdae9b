"""Printed and exported documents: guides, leaflets, slips, reports."""
