"""OpenAdmit: graduate programme admissions with admission requirements as explainable rules."""
