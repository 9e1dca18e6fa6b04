"""A base of one's own, and the evidence in and out in others' formats: `init`, RIS
import and export, FHIR (EBM-on-FHIR) and W3C Web Annotations."""
