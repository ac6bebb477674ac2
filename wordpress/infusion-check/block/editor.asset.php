<?php
/**
 * The editor script's dependencies (written by hand: the script needs no build step).
 *
 * @package InfusionCheck
 */

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-server-side-render', 'wp-i18n' ),
	'version'      => '0.1.0',
);
