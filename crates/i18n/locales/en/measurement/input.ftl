# The evaluator's files (sammen evaluate) and partners' summaries for pooling: values that cannot be used.

err-eval-missing-value = The value is missing.
err-eval-not-number = "{ $value }" is not a number.
err-eval-decimal-point = "{ $value }" is not a number. Use a decimal point, or separate the columns with semicolons to make the comma the decimal mark.
err-eval-wave = "{ $value }" must be "baseline" or "followup".
err-eval-repeated-wave = The participant already has a { $value } score on line { $detail }.
err-eval-two-sites = The participant is at another site on line { $detail }; here at "{ $value }".
err-eval-site-twice = The site "{ $value }" is already listed on line { $detail }.
err-eval-variance = The variance must be greater than 0; here it is { $value }.
err-eval-n = n must be a whole number of at least 3; here it is { $value }.
err-eval-sd = The standard deviation must be greater than 0; here it is { $value }.
err-eval-r = A correlation lies between -1 and 1; here it is { $value }.
err-eval-no-change = No standardised change can be computed from this row.
